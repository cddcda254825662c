import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { kubectlInNode, kubectlJson, nodeContainers } from './support/docker.js';
import { actionBundle, offlineKindEnv, startPrload } from './support/run-prload.js';

const OUT = fileURLToPath(new URL('../test-results/kind-e2e/', import.meta.url));
const CLUSTER = 'prload-e2e';

interface NodeList {
  items: {
    metadata: { name: string; labels: Record<string, string> };
    status: { conditions: { type: string; status: string }[] };
  }[];
}
interface PodList {
  items: {
    metadata: { name: string; labels: Record<string, string> };
    spec: { nodeName?: string };
    status: { phase: string };
  }[];
}

/** One GET through the kind port mapping on 127.0.0.1:80 with the app's Host header. */
function get(host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: 80, path: '/', headers: { host }, timeout: 5_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${host}: no answer within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

// The action's bundle runs this case, as a release's `uses: prload/prload@v1` does; the other cases run the build.
it('prload run --provider kind (the action bundle): 3 nodes, Traefik from its chart, foo and bar on both workers, load through 127.0.0.1:80, cluster deleted', async () => {
  await rm(OUT, { recursive: true, force: true });
  const run = startPrload(
    [
      'run',
      '--provider',
      'kind',
      '--cluster-name',
      CLUSTER,
      '--duration',
      '20s',
      '--rate',
      '50',
      '--seed',
      '7',
      // The generator shares this VM's two cores with a three-node cluster and the resource sampler's
      // scrapes: its send-lag p99 measured 2.3-15 ms across runs here (bench/RESULTS.md), around the
      // default 10 ms bound. This case checks deploy, routing and the figures; the bound has its own tests.
      '--max-send-lag',
      '50ms',
      '--out',
      OUT,
    ],
    offlineKindEnv(),
    actionBundle(),
  );

  // Look at the cluster from outside while the load runs: through Docker, with kubeadm's admin credentials.
  await run.waitForLine(/^▶ load/);
  const nodes = await kubectlJson<NodeList>(CLUSTER, ['get', 'nodes']);
  const ready = nodes.items.filter((n) => n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'));
  expect(ready.map((n) => n.metadata.name).sort()).toEqual([
    `${CLUSTER}-control-plane`,
    `${CLUSTER}-worker`,
    `${CLUSTER}-worker2`,
  ]);
  expect(
    nodes.items.find((n) => n.metadata.name === `${CLUSTER}-control-plane`)!.metadata.labels['ingress-ready'],
  ).toBe('true');

  const pods = await kubectlJson<PodList>(CLUSTER, ['get', 'pods', '--namespace', 'prload']);
  for (const app of ['foo', 'bar']) {
    const own = pods.items.filter((p) => p.metadata.labels['app.kubernetes.io/instance'] === app);
    expect(
      own.map((p) => p.status.phase),
      app,
    ).toEqual(['Running', 'Running']);
    expect(new Set(own.map((p) => p.spec.nodeName)), `${app}'s pods spread over both workers`).toEqual(
      new Set([`${CLUSTER}-worker`, `${CLUSTER}-worker2`]),
    );
  }
  const traefik = await kubectlJson<PodList>(CLUSTER, ['get', 'pods', '--namespace', 'traefik']);
  expect(traefik.items.map((p) => p.spec.nodeName)).toEqual([`${CLUSTER}-control-plane`]);

  // A real kubelet's /metrics/resource, as prload's sampler reads it: kept as the parser's fixture
  // (packages/resources/test/fixtures/kubelet-metrics-resource.txt is a copy of one such recording).
  const kubeletMetrics = await kubectlInNode(CLUSTER, [
    'get',
    '--raw',
    `/api/v1/nodes/${CLUSTER}-worker/proxy/metrics/resource`,
  ]);
  expect(kubeletMetrics).toMatch(
    /^container_cpu_usage_seconds_total\{container="http-echo",namespace="prload",pod="foo-/m,
  );
  await mkdir(OUT, { recursive: true });
  await writeFile(`${OUT}kubelet-metrics-resource.txt`, kubeletMetrics);

  // Each host answers its own app's body through the real ingress, never the other's.
  expect(await get('foo.localhost')).toEqual({ status: 200, body: 'foo\n' });
  expect(await get('bar.localhost')).toEqual({ status: 200, body: 'bar\n' });
  expect((await get('nobody.localhost')).status).toBe(404);

  const { code, output } = await run.exited;
  expect(code, output).toBe(0);
  expect(output).toMatch(/✔ cleanup/);

  const report = JSON.parse(await readFile(`${OUT}prload-report.json`, 'utf8'));
  expect(report.verdict).toBe('passed');
  expect(report.run.provider).toBe('kind');
  expect(report.run.versions.kubernetes).toBe(process.env['PRLOAD_NODE_IMAGE']!.split(':').pop());
  expect(report.summary.errors).toBe(0);
  expect(report.summary.requests).toBeGreaterThan(500);
  for (const host of ['foo.localhost', 'bar.localhost']) {
    const stats = report.hosts[host];
    expect(stats.requests, host).toBeGreaterThan(200);
    expect(stats.errors, host).toBe(0);
    // The load generator checks every body against the app's text, so a misrouted answer would be an error.
    expect(stats.statusCodes, host).toEqual({ '200': stats.requests });
  }
  expect(report.stages.map((s: { name: string }) => s.name)).toEqual([
    'cluster',
    'deploy',
    'ready',
    'probe',
    'load',
    'cleanup',
  ]);
  for (const format of ['md', 'html', 'xml']) await readFile(`${OUT}prload-report.${format}`);

  // Resource usage of every pod, from the kubelets through the API server's node proxy.
  const resources = report.resources;
  expect(resources.source).toBe('kubelet');
  expect(resources.unavailable).toBeUndefined();
  expect(resources.workloads.map((w: { name: string }) => w.name)).toEqual(['foo', 'bar', 'ingress']);
  for (const workload of resources.workloads) {
    const expectedPods = workload.name === 'ingress' ? 1 : 2;
    expect(workload.pods, workload.name).toHaveLength(expectedPods);
    for (const pod of workload.pods) {
      const label = `${workload.name}/${pod.name}`;
      expect(pod.node, label).toMatch(new RegExp(`^${CLUSTER}-(control-plane|worker2?)$`));
      expect(pod.summary.cpuMeanMillicores, label).toBeGreaterThan(0);
      expect(pod.summary.memoryMaxMiB, label).toBeGreaterThan(1);
      expect(pod.restarts, label).toBe(0);
      expect(pod.oomKills, label).toBe(0);
    }
    expect(workload.summary.cpuSeconds, workload.name).toBeGreaterThan(0);
    expect(workload.requestsPerCpuSecond, workload.name).toBeGreaterThan(0);
  }
  // The apps' requests and limits come from the rendered chart (charts/http-echo/values.yaml).
  expect(resources.workloads[0].pods[0].requests).toEqual({ cpuMillicores: 10, memoryMiB: 16 });
  expect(resources.workloads[0].pods[0].limits).toEqual({ cpuMillicores: 500, memoryMiB: 64 });
  expect(resources.generator.cpuMeanMillicores).toBeGreaterThan(0);
  const markdown = await readFile(`${OUT}prload-report.md`, 'utf8');
  expect(markdown).toMatch(/Resource usage/);

  expect(await nodeContainers(CLUSTER)).toEqual([]);
});
