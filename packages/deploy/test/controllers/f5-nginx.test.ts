import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../src/image-reference.js';
import { ingressControllers } from '../../src/ingress-controllers.js';
import { unknownValuesKeys } from '../helpers/chart-keys.js';
import { renderedControllerService } from '../helpers/controller-service.js';
import { renderChart } from '../helpers/render-chart.js';
import { thirdPartyChart } from '../helpers/third-party-chart.js';

const spec = ingressControllers.nginx;
const chart = thirdPartyChart(
  'nginx-ingress-chart-2.6.4/nginx-ingress',
  'F5 NGINX Ingress Controller chart 2.6.4 with prload’s values (real helm)',
);
const values = spec.values({
  ingressClassName: 'nginx',
  image: parseImageReference('prload.local/nginx-ingress:5.5.4', 'ingress.image'),
});

// Its values.schema.json `$ref`s Kubernetes definitions on raw.githubusercontent.com, which helm
// fetches: offline, the render skips the schema; unknownValuesKeys checks the keys against it instead.
function render(chosen: Record<string, unknown>) {
  return renderChart(spec.release, chosen, ['--skip-schema-validation'], {
    chart: chart.path!,
    namespace: spec.namespace,
  });
}

describe.skipIf(chart.path === undefined)(chart.title, () => {
  it('is the pinned version, and knows every key prload sets (values.yaml, values.schema.json)', async () => {
    expect(spec.version).toBe('2.6.4');
    expect(await unknownValuesKeys(chart.path!, values)).toEqual([]);
  });

  it('renders the controller Deployment on hostPorts 80/443 of the control plane, with the image given', async () => {
    const rendered = await render(values);
    expect(rendered.exitCode).toBe(0);
    const deployment = rendered.byKind('Deployment');
    expect(deployment.metadata).toMatchObject({ name: spec.deployment, namespace: spec.namespace });
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    const pod = deployment.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'ingress-ready': 'true' });
    expect(pod.tolerations).toContainEqual({
      key: 'node-role.kubernetes.io/control-plane',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
    const [controller] = pod.containers;
    expect(controller.image).toBe('prload.local/nginx-ingress:5.5.4');
    const hostPorts = controller.ports
      .filter((p: { hostPort?: number }) => p.hostPort)
      .map((p: { containerPort: number; hostPort: number }) => [p.containerPort, p.hostPort]);
    expect(hostPorts).toEqual([
      [80, 80],
      [443, 443],
    ]);
    expect(rendered.byKind('ConfigMap', 'nginx-ingress').data).toMatchObject({
      'external-status-address': '127.0.0.1',
    });
    expect(rendered.byKind('IngressClass').metadata.name).toBe('nginx');
    expect(rendered.objects.map((o) => o.kind)).not.toContain('ValidatingWebhookConfiguration');
  });

  it('has the ClusterIP Service prload names, whose HTTP port reaches the controller pods’ port 80', async () => {
    const rendered = await render(values);
    expect(rendered.objects.filter((o) => o.kind === 'Service')).toHaveLength(1);
    expect(renderedControllerService(rendered, spec)).toEqual({
      namespace: spec.namespace,
      type: 'ClusterIP',
      selectsControllerPods: true,
      port: { name: 'http', protocol: 'TCP' },
      containerPort: 80,
    });
  });

  it('runs its appVersion by default, and a digest wins over the tag', async () => {
    const plain = await render(spec.values({ ingressClassName: 'nginx' }));
    expect(plain.byKind('Deployment').spec.template.spec.containers[0].image).toBe('nginx/nginx-ingress:5.5.4');
    const digest = `sha256:${'f'.repeat(64)}`;
    const pinned = await render(
      spec.values({
        ingressClassName: 'nginx',
        image: parseImageReference(`m.local/nginx-ingress:5.5.4@${digest}`, 'x'),
      }),
    );
    expect(pinned.byKind('Deployment').spec.template.spec.containers[0].image).toBe(`m.local/nginx-ingress@${digest}`);
  });
});
