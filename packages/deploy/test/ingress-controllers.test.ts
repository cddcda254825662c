import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../src/image-reference.js';
import { INGRESS_CONTROLLER_NAMES, ingressControllers } from '../src/ingress-controllers.js';

const CONTROL_PLANE_TOLERATION = {
  key: 'node-role.kubernetes.io/control-plane',
  operator: 'Exists',
  effect: 'NoSchedule',
};

describe('ingressControllers', () => {
  it('F5 NGINX: hostPorts 80/443, on the ingress-ready control plane, with its IngressClass', () => {
    const spec = ingressControllers.nginx;
    expect(spec.chart).toBe('oci://ghcr.io/nginx/charts/nginx-ingress');
    expect(spec.repo).toBeUndefined();
    expect(spec.version).toMatch(/^\d+\.\d+\.\d+$/);
    const { controller } = spec.values({ ingressClassName: 'lt' }) as { controller: Record<string, unknown> };
    expect(controller).toMatchObject({
      hostPort: { enable: true, http: 80, https: 443 },
      ingressClass: { name: 'lt', create: true },
      nodeSelector: { 'ingress-ready': 'true' },
      telemetryReporting: { enable: false },
    });
    expect(controller['tolerations']).toContainEqual(CONTROL_PLANE_TOLERATION);
    expect(controller['service']).toEqual({ type: 'ClusterIP' });
    expect(spec.service).toEqual({ name: 'nginx-ingress-controller', port: 80 });
    expect(spec.admissionWebhook).toBeUndefined();
  });

  it('ingress-nginx: the same placement with its own keys, and its admission webhook reported', () => {
    const spec = ingressControllers['ingress-nginx'];
    expect(spec.chart).toBe('ingress-nginx');
    expect(spec.repo).toBe('https://kubernetes.github.io/ingress-nginx');
    const { controller } = spec.values({ ingressClassName: 'lt' }) as { controller: Record<string, unknown> };
    expect(controller).toMatchObject({
      hostPort: { enabled: true, ports: { http: 80, https: 443 } },
      ingressClassResource: { name: 'lt', enabled: true },
      ingressClass: 'lt',
      nodeSelector: { 'ingress-ready': 'true' },
      admissionWebhooks: { enabled: true },
      service: { type: 'NodePort' },
    });
    expect(controller['tolerations']).toContainEqual(CONTROL_PLANE_TOLERATION);
    expect(spec.service).toEqual({ name: 'ingress-nginx-controller', port: 80 });
    expect(spec.admissionWebhook).toEqual({
      webhookName: 'validate.nginx.ingress.kubernetes.io',
      namespace: 'ingress-nginx',
      service: 'ingress-nginx-controller-admission',
      port: 443,
    });
  });

  it('Traefik: hostPorts 80/443 on web/websecure, a ClusterIP Service, status 127.0.0.1, Recreate, its own IngressClass', () => {
    const spec = ingressControllers.traefik;
    expect(spec).toMatchObject({
      chart: 'oci://ghcr.io/traefik/helm/traefik',
      version: '41.3.0',
      release: 'traefik',
      namespace: 'traefik',
      deployment: 'traefik',
      defaultIngressClassName: 'traefik',
      service: { name: 'traefik', port: 80 },
    });
    expect(spec.repo).toBeUndefined();
    const values = spec.values({ ingressClassName: 'lt' });
    expect(values).toMatchObject({
      deployment: { kind: 'Deployment', replicas: 1 },
      updateStrategy: { type: 'Recreate' },
      ports: { web: { hostPort: 80 }, websecure: { hostPort: 443 } },
      service: { enabled: true, spec: { type: 'ClusterIP' } },
      nodeSelector: { 'ingress-ready': 'true' },
      ingressClass: { enabled: true, isDefaultClass: false, name: 'lt' },
      providers: {
        kubernetesIngress: {
          enabled: true,
          publishedService: { enabled: false },
          ingressEndpoint: { ip: '127.0.0.1' },
        },
      },
    });
    expect(values['tolerations']).toContainEqual(CONTROL_PLANE_TOLERATION);
    expect(values['image']).toBeUndefined();
    expect(spec.admissionWebhook).toBeUndefined();
  });

  it('lists the controllers in one place, for the config schema', () => {
    expect(INGRESS_CONTROLLER_NAMES).toEqual(['nginx', 'ingress-nginx', 'traefik']);
  });
});

describe('the controller image, mapped onto each chart’s own keys', () => {
  const DIGEST = `sha256:${'c'.repeat(64)}`;
  const imageOf = (name: keyof typeof ingressControllers, reference: string) => {
    const values = ingressControllers[name].values({
      ingressClassName: 'nginx',
      image: parseImageReference(reference, 'ingress.image'),
    });
    return name === 'traefik' ? values['image'] : (values['controller'] as Record<string, unknown>)['image'];
  };

  it.each([
    ['nginx', 'prload.local/nginx-ingress:5.5.4', { repository: 'prload.local/nginx-ingress', tag: '5.5.4' }],
    // No tag: the chart's default (its appVersion) stays.
    ['nginx', 'mirror.local/nginx/nginx-ingress', { repository: 'mirror.local/nginx/nginx-ingress' }],
    ['nginx', `m.local/n@${DIGEST}`, { repository: 'm.local/n', digest: DIGEST }],
    // The chart pins registry.k8s.io's image by digest: cleared, so the mirror's tag is what runs.
    [
      'ingress-nginx',
      'prload.local/ingress-nginx/controller:v1.11.0',
      { repository: 'prload.local/ingress-nginx/controller', tag: 'v1.11.0', digest: '', digestChroot: '' },
    ],
    [
      'ingress-nginx',
      `m.local/controller:v1.14.1@${DIGEST}`,
      { repository: 'm.local/controller', tag: 'v1.14.1', digest: DIGEST, digestChroot: '' },
    ],
    // The registry host is its own value in Traefik's chart.
    ['traefik', 'prload.local/traefik:v3.7.11', { registry: 'prload.local', repository: 'traefik', tag: 'v3.7.11' }],
    ['traefik', 'localhost:5000/proxy/traefik', { registry: 'localhost:5000', repository: 'proxy/traefik' }],
    ['traefik', 'traefik:v3.7.11', { registry: 'docker.io', repository: 'traefik', tag: 'v3.7.11' }],
    [
      'traefik',
      `ghcr.io/me/traefik:v3.7.11@${DIGEST}`,
      { registry: 'ghcr.io', repository: 'me/traefik', tag: 'v3.7.11', digest: DIGEST },
    ],
  ] as const)('%s: %s', (name, reference, expected) => {
    expect(imageOf(name, reference)).toEqual(expected);
  });
});
