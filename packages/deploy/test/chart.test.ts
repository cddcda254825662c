import { createExecutor } from '@prload/cluster';
import { describe, expect, it } from 'vitest';
import { appValues } from '../src/app-values.js';
import { defaultChartPath } from '../src/chart-path.js';
import { helmBinary } from './helpers/helm-binary.js';
import { type K8sObject, renderChart } from './helpers/render-chart.js';

const REQUIRED = { text: 'hello', host: 'echo.127.0.0.1.nip.io' };
const FOO = appValues({ name: 'foo', text: 'foo says hi', host: 'foo.127.0.0.1.nip.io' }, 'nginx');
const BAR = appValues(
  {
    name: 'bar',
    text: 'bar: "quoted" $HOME',
    host: 'bar.127.0.0.1.nip.io',
    path: '/bar',
    replicas: 3,
    values: { resources: { requests: { cpu: '20m', memory: '24Mi' }, limits: { cpu: 1, memory: '96Mi' } } },
  },
  'nginx',
);

function container(deployment: K8sObject) {
  return deployment.spec.template.spec.containers[0];
}

describe('charts/http-echo with the real helm', () => {
  it('passes helm lint --strict with its required values', async () => {
    const result = await createExecutor().run(await helmBinary(), [
      'lint',
      '--strict',
      defaultChartPath(),
      '--set',
      `text=${REQUIRED.text}`,
      '--set',
      `host=${REQUIRED.host}`,
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result.exitCode).toBe(0);
  });

  it('renders the defaults: pinned image, probes, restricted security, spread, PDB, Service, Ingress, test pod', async () => {
    const rendered = await renderChart('echo', REQUIRED);
    expect(rendered.exitCode).toBe(0);
    expect(rendered.objects.map((o) => o.kind).sort()).toEqual([
      'Deployment',
      'Ingress',
      'Pod',
      'PodDisruptionBudget',
      'Service',
    ]);
    const deployment = rendered.byKind('Deployment');
    expect(deployment.metadata).toMatchObject({ name: 'echo', namespace: 'apps' });
    expect(deployment.spec.replicas).toBe(2);
    const echo = container(deployment);
    expect(echo.image).toMatch(/^hashicorp\/http-echo:1\.0\.0@sha256:[0-9a-f]{64}$/);
    expect(echo.args).toEqual(['-listen=:5678', '-text=hello']);
    expect(echo.ports).toEqual([{ name: 'http', containerPort: 5678, protocol: 'TCP' }]);
    for (const probe of [echo.livenessProbe, echo.readinessProbe]) {
      expect(probe.httpGet).toEqual({ path: '/health', port: 'http' });
    }
    expect(echo.resources).toEqual({
      requests: { cpu: '10m', memory: '16Mi' },
      limits: { cpu: '500m', memory: '64Mi' },
    });
    expect(echo.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.topologySpreadConstraints).toEqual([
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: deployment.spec.selector.matchLabels },
        matchLabelKeys: ['pod-template-hash'],
      },
    ]);

    const pdb = rendered.byKind('PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: deployment.spec.selector.matchLabels } });

    const service = rendered.byKind('Service');
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);

    const ingress = rendered.byKind('Ingress');
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'echo.127.0.0.1.nip.io',
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'echo', port: { name: 'http' } } } }],
          },
        },
      ],
    });

    const test = rendered.byKind('Pod');
    expect(test.metadata.annotations?.['helm.sh/hook']).toBe('test');
    const curl = test.spec.containers[0];
    expect(curl.image).toMatch(/^curlimages\/curl:[\d.]+@sha256:[0-9a-f]{64}$/);
    expect(curl.env).toEqual([
      { name: 'URL', value: 'http://echo.apps.svc:80/' },
      { name: 'EXPECTED', value: 'hello' },
    ]);
    expect(curl.securityContext).toEqual(echo.securityContext);
  });

  it('renders foo’s values as deploy generates them', async () => {
    const rendered = await renderChart('foo', FOO);
    expect(rendered.exitCode).toBe(0);
    expect(container(rendered.byKind('Deployment')).args).toEqual(['-listen=:5678', '-text=foo says hi']);
    expect(rendered.byKind('Ingress').spec.rules[0].host).toBe('foo.127.0.0.1.nip.io');
    expect(rendered.byKind('Deployment').spec.template.metadata.labels['app.kubernetes.io/instance']).toBe('foo');
  });

  it('renders bar’s values: path, replicas, resources, and text with quotes and $ kept verbatim', async () => {
    const rendered = await renderChart('bar', BAR);
    expect(rendered.exitCode).toBe(0);
    const deployment = rendered.byKind('Deployment');
    expect(deployment.spec.replicas).toBe(3);
    expect(container(deployment).args[1]).toBe('-text=bar: "quoted" $HOME');
    expect(container(deployment).resources).toEqual({
      requests: { cpu: '20m', memory: '24Mi' },
      limits: { cpu: 1, memory: '96Mi' },
    });
    expect(rendered.byKind('Ingress').spec.rules[0].http.paths[0].path).toBe('/bar');
    expect(rendered.byKind('Pod').spec.containers[0].env).toEqual([
      { name: 'URL', value: 'http://bar.apps.svc:80/bar' },
      { name: 'EXPECTED', value: 'bar: "quoted" $HOME' },
    ]);
  });

  it.each([
    // An image loaded into the nodes: the chart's upstream digest must not stay on it.
    ['prload.local/http-echo:1.0.0', 'prload.local/http-echo:1.0.0'],
    // A mirror without a tag keeps the chart's own tag.
    ['mirror.local/hashicorp/http-echo', 'mirror.local/hashicorp/http-echo:1.0.0'],
    [`mirror.local/echo@sha256:${'a'.repeat(64)}`, `mirror.local/echo:1.0.0@sha256:${'a'.repeat(64)}`],
  ])('runs the image %s as %s', async (image, expected) => {
    const rendered = await renderChart(
      'foo',
      appValues({ name: 'foo', text: 'foo', host: 'foo.localhost', image }, 'nginx'),
    );
    expect(rendered.exitCode).toBe(0);
    expect(container(rendered.byKind('Deployment')).image).toBe(expected);
  });

  it('rolls the pods when only the text changes', async () => {
    const [a, b] = await Promise.all([
      renderChart('foo', { ...REQUIRED, text: 'one' }),
      renderChart('foo', { ...REQUIRED, text: 'two' }),
    ]);
    const hash = (r: typeof a) => r.byKind('Deployment').spec.template.metadata.annotations['prload.dev/text-sha256'];
    expect(hash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hash(a)).not.toBe(hash(b));
  });

  it.each([
    ['an unknown key', { ...REQUIRED, replicas: 2 }, "additional properties 'replicas' not allowed"],
    ['negative replicas', { ...REQUIRED, replicaCount: -1 }, '/replicaCount'],
    ['a host with upper case and underscore', { ...REQUIRED, host: 'Foo_Bar.example' }, '/host'],
    ['a host that is a URL', { ...REQUIRED, host: 'http://foo.example' }, '/host'],
    ['no text or host', {}, "missing properties 'text', 'host'"],
    ['empty text', { ...REQUIRED, text: '' }, '/text'],
    [
      'an unknown nested key',
      { ...REQUIRED, image: { repository: 'x', tags: 'y' } },
      "additional properties 'tags' not allowed",
    ],
    ['a digest that is not sha256', { ...REQUIRED, image: { repository: 'x', digest: 'latest' } }, '/image/digest'],
  ])('rejects %s through values.schema.json', async (_name, values, message) => {
    const rendered = await renderChart('bad', values);
    expect(rendered.exitCode).not.toBe(0);
    expect(rendered.stderr).toContain("values don't meet the specifications of the schema");
    expect(rendered.stderr).toContain(message);
  });

  it('prints NOTES telling how to reach and test the app', async () => {
    const result = await createExecutor().run(
      await helmBinary(),
      [
        'install',
        'foo',
        defaultChartPath(),
        '--namespace',
        'apps',
        '--dry-run=client',
        '--set',
        'text=hi',
        '--set',
        `host=${REQUIRED.host}`,
      ],
      // Client-side dry run: helm must not need (or find) a cluster.
      { env: { KUBECONFIG: '/nonexistent/kubeconfig' } },
    );
    expect(result.exitCode).toBe(0);
    const notes = result.stdout.slice(result.stdout.indexOf('NOTES:'));
    expect(notes).toContain('foo answers "hi" on 2 replica(s).');
    expect(notes).toContain(`curl -H 'Host: ${REQUIRED.host}' http://127.0.0.1/`);
    expect(notes).toContain('helm test foo -n apps');
  });

  it('refuses clusters older than its kubeVersion', async () => {
    const rendered = await renderChart('old', REQUIRED, ['--kube-version', '1.28.0']);
    expect(rendered.exitCode).not.toBe(0);
    expect(rendered.stderr).toContain('chart requires kubeVersion: >=1.29.0-0');
  });

  it('can leave out the Ingress, PDB and spread', async () => {
    const rendered = await renderChart('bare', {
      ...REQUIRED,
      ingress: { enabled: false },
      podDisruptionBudget: { enabled: false },
      topologySpread: { enabled: false },
    });
    expect(rendered.objects.map((o) => o.kind).sort()).toEqual(['Deployment', 'Pod', 'Service']);
    expect(rendered.byKind('Deployment').spec.template.spec.topologySpreadConstraints).toBeUndefined();
  });
});
