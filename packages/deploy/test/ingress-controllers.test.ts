import { describe, expect, it } from 'vitest';
import { ingressControllers } from '../src/ingress-controllers.js';

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
    });
    expect(controller['tolerations']).toContainEqual(CONTROL_PLANE_TOLERATION);
    expect(spec.admissionWebhook).toEqual({
      webhookName: 'validate.nginx.ingress.kubernetes.io',
      namespace: 'ingress-nginx',
      service: 'ingress-nginx-controller-admission',
      port: 443,
    });
  });
});
