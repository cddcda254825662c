import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../src/image-reference.js';
import { ingressControllers } from '../../src/ingress-controllers.js';
import { unknownValuesKeys } from '../helpers/chart-keys.js';
import { renderedControllerService } from '../helpers/controller-service.js';
import { renderChart } from '../helpers/render-chart.js';
import { thirdPartyChart } from '../helpers/third-party-chart.js';

const spec = ingressControllers.traefik;
const chart = thirdPartyChart('traefik-chart-41.3.0/traefik', 'Traefik chart 41.3.0 with prload’s values (real helm)');
const image = parseImageReference('prload.local/traefik:v3.7.11', 'ingress.image');
const values = spec.values({ ingressClassName: 'traefik', image });

function render(chosen: Record<string, unknown>) {
  return renderChart(spec.release, chosen, [], { chart: chart.path!, namespace: spec.namespace });
}

describe.skipIf(chart.path === undefined)(chart.title, () => {
  it('knows every key prload sets (values.yaml, values.schema.json)', async () => {
    expect(await unknownValuesKeys(chart.path!, values)).toEqual([]);
  });

  it('renders one Deployment named as prload waits for, on hostPorts 80/443 of the ingress-ready control plane', async () => {
    const rendered = await render(values);
    expect(rendered.stderr).toBe('');
    expect(rendered.exitCode).toBe(0);
    const deployment = rendered.byKind('Deployment');
    expect(deployment.metadata).toMatchObject({ name: spec.deployment, namespace: spec.namespace });
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    const pod = deployment.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'ingress-ready': 'true' });
    expect(pod.tolerations).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    const [traefik] = pod.containers;
    const ports = Object.fromEntries(
      traefik.ports.map((p: { name: string; containerPort: number; hostPort?: number }) => [p.name, p]),
    );
    expect(ports.web).toMatchObject({ containerPort: 8000, hostPort: 80, protocol: 'TCP' });
    expect(ports.websecure).toMatchObject({ containerPort: 8443, hostPort: 443, protocol: 'TCP' });
    expect(traefik.image).toBe('prload.local/traefik:v3.7.11');
    expect(traefik.args).toEqual(
      expect.arrayContaining([
        '--providers.kubernetesingress',
        '--providers.kubernetesingress.ingressendpoint.ip=127.0.0.1',
        '--global.checkNewVersion=false',
      ]),
    );
    expect(traefik.args.join(' ')).not.toContain('publishedservice');
  });

  it('has one Service, the ClusterIP prload names, whose HTTP port reaches the web entrypoint (8000)', async () => {
    const rendered = await render(values);
    expect(rendered.objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name)).toEqual([
      spec.service.name,
    ]);
    expect(renderedControllerService(rendered, spec)).toEqual({
      namespace: spec.namespace,
      type: 'ClusterIP',
      selectsControllerPods: true,
      port: { name: 'web', protocol: 'TCP' },
      containerPort: 8000,
    });
  });

  it('creates its IngressClass with the configured name, not the default, and no webhook', async () => {
    const rendered = await render(spec.values({ ingressClassName: 'lt' }));
    const ingressClass = rendered.byKind('IngressClass');
    expect(ingressClass.metadata.name).toBe('lt');
    expect(ingressClass.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class']).toBe('false');
    expect(ingressClass.spec).toEqual({ controller: 'traefik.io/ingress-controller' });
    expect(rendered.objects.map((o) => o.kind)).not.toContain('ValidatingWebhookConfiguration');
    // Without an override the chart's own image: docker.io/traefik at its appVersion.
    expect(rendered.byKind('Deployment').spec.template.spec.containers[0].image).toBe('docker.io/traefik:v3.7.11');
  });

  it('runs an image pinned by digest', async () => {
    const digest = `sha256:${'e'.repeat(64)}`;
    const rendered = await render(
      spec.values({ ingressClassName: 'traefik', image: parseImageReference(`localhost:5000/traefik@${digest}`, 'x') }),
    );
    expect(rendered.exitCode).toBe(0);
    expect(rendered.byKind('Deployment').spec.template.spec.containers[0].image).toBe(
      `localhost:5000/traefik@${digest}`,
    );
  });
});
