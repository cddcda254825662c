import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../src/image-reference.js';
import { ingressControllers } from '../../src/ingress-controllers.js';
import { unknownValuesKeys } from '../helpers/chart-keys.js';
import { renderedControllerService } from '../helpers/controller-service.js';
import { renderChart } from '../helpers/render-chart.js';
import { thirdPartyChart } from '../helpers/third-party-chart.js';

const spec = ingressControllers['ingress-nginx'];
// prload installs 4.14.1 by default; 4.11.0 is the version whose controller can be built offline here.
const chart = thirdPartyChart(
  'ingress-nginx-chart-4.11.0/ingress-nginx',
  'ingress-nginx chart 4.11.0 with prload’s values (real helm)',
);
const values = spec.values({
  ingressClassName: 'nginx',
  image: parseImageReference('prload.local/ingress-nginx/controller:v1.11.0', 'ingress.image'),
});

function render(chosen: Record<string, unknown>) {
  return renderChart(spec.release, chosen, [], { chart: chart.path!, namespace: spec.namespace });
}

describe.skipIf(chart.path === undefined)(chart.title, () => {
  it('knows every key prload sets (values.yaml; it has no schema)', async () => {
    // controller.image.repository is documented in a values.yaml comment ("## repository:") and read by
    // templates/controller-deployment.yaml in place of registry/image; controller.nodeSelector is a
    // label map whose default holds kubernetes.io/os.
    expect(
      await unknownValuesKeys(chart.path!, values, {
        documented: ['controller.image.repository'],
        freeForm: ['controller.nodeSelector'],
      }),
    ).toEqual([]);
  });

  it('renders the controller on hostPorts 80/443 of the control plane with the image given and no upstream digest', async () => {
    const rendered = await render(values);
    expect(rendered.stderr).toBe('');
    expect(rendered.exitCode).toBe(0);
    const deployment = rendered.byKind('Deployment');
    expect(deployment.metadata).toMatchObject({ name: spec.deployment, namespace: spec.namespace });
    expect(deployment.spec.replicas).toBe(1);
    const pod = deployment.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'ingress-ready': 'true', 'kubernetes.io/os': 'linux' });
    expect(pod.tolerations).toContainEqual({
      key: 'node-role.kubernetes.io/control-plane',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
    const [controller] = pod.containers;
    expect(controller.image).toBe('prload.local/ingress-nginx/controller:v1.11.0');
    expect(controller.args).toContain('--publish-status-address=127.0.0.1');
    const hostPorts = controller.ports
      .filter((p: { hostPort?: number }) => p.hostPort)
      .map((p: { containerPort: number; hostPort: number }) => [p.containerPort, p.hostPort]);
    expect(hostPorts).toEqual([
      [80, 80],
      [443, 443],
    ]);
    const ingressClass = rendered.byKind('IngressClass');
    expect(ingressClass.metadata.name).toBe('nginx');
    expect(ingressClass.spec.controller).toBe('k8s.io/ingress-nginx');
  });

  it('has the NodePort Service prload names, whose HTTP port reaches the controller pods’ port 80', async () => {
    const rendered = await render(values);
    expect(renderedControllerService(rendered, spec)).toEqual({
      namespace: spec.namespace,
      type: 'NodePort',
      selectsControllerPods: true,
      port: { name: 'http', protocol: 'TCP' },
      containerPort: 80,
    });
  });

  it('registers the admission webhook prload waits for', async () => {
    const rendered = await render(values);
    const webhook = rendered.byKind('ValidatingWebhookConfiguration');
    const entry = webhook.webhooks?.find((w) => w.name === spec.admissionWebhook!.webhookName);
    expect(entry.clientConfig.service).toMatchObject({
      namespace: spec.admissionWebhook!.namespace,
      name: spec.admissionWebhook!.service,
    });
    const service = rendered.byKind('Service', spec.admissionWebhook!.service);
    expect(service.spec.ports.map((p: { port: number }) => p.port)).toEqual([spec.admissionWebhook!.port]);
  });

  it('keeps the chart’s own pinned image without an override', async () => {
    const rendered = await render(spec.values({ ingressClassName: 'nginx' }));
    expect(rendered.byKind('Deployment').spec.template.spec.containers[0].image).toMatch(
      /^registry\.k8s\.io\/ingress-nginx\/controller:v1\.11\.0@sha256:[0-9a-f]{64}$/,
    );
  });
});
