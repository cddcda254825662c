import { request } from 'undici';
import { afterEach, expect, test } from 'vitest';
import { createLocalCluster, type LocalCluster } from '../../src/local/local-cluster.js';

let cluster: LocalCluster | undefined;
afterEach(async () => {
  await cluster?.destroy();
  cluster = undefined;
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function get(url: string, host: string) {
  const response = await request(url, { headers: { host } });
  return { status: response.statusCode, body: await response.body.text() };
}

test('runs each app behind the router, one process per replica', async () => {
  cluster = await createLocalCluster();
  const deployed = await cluster.deployApps([
    { name: 'foo', text: 'foo', host: 'foo.localhost', replicas: 2 },
    { name: 'bar', text: 'bar', host: 'bar.localhost', replicas: 2 },
  ]);
  expect(deployed.map((app) => app.replicaUrls.length)).toEqual([2, 2]);
  // Router plus four replicas, each its own process.
  expect(new Set(cluster.pids).size).toBe(5);
  expect(await get(cluster.ingressUrl, 'foo.localhost')).toEqual({ status: 200, body: 'foo\n' });
  expect(await get(cluster.ingressUrl, 'bar.localhost')).toEqual({ status: 200, body: 'bar\n' });
  expect((await get(cluster.ingressUrl, 'other.localhost')).status).toBe(404);
});

test('lists each process with its workload: the router, then every replica', async () => {
  cluster = await createLocalCluster();
  await cluster.deployApps([
    { name: 'foo', text: 'foo', host: 'foo.localhost', replicas: 2 },
    { name: 'bar', text: 'bar', host: 'bar.localhost', replicas: 1 },
  ]);
  const { processes } = cluster;
  expect(processes.map(({ pid, ...rest }) => rest)).toEqual([
    { workload: 'ingress', role: 'ingress', name: 'router' },
    { workload: 'foo', role: 'app', name: 'foo-1' },
    { workload: 'foo', role: 'app', name: 'foo-2' },
    { workload: 'bar', role: 'app', name: 'bar-1' },
  ]);
  const pids = processes.map((entry) => entry.pid);
  expect(new Set(pids).size).toBe(4);
  expect(pids.filter((pid) => !isAlive(pid))).toEqual([]);
  expect(pids).not.toContain(process.pid);
  expect([...cluster.pids].sort()).toEqual([...pids].sort());
});

test('destroy stops every process and frees every port', async () => {
  cluster = await createLocalCluster();
  const [app] = await cluster.deployApps([{ name: 'foo', text: 'foo', host: 'foo.localhost', replicas: 2 }]);
  const { pids, ingressUrl } = cluster;
  expect(pids.every(isAlive)).toBe(true);

  await cluster.destroy();
  await cluster.destroy(); // idempotent
  cluster = undefined;

  expect(pids.filter(isAlive)).toEqual([]);
  for (const url of [ingressUrl, ...app!.replicaUrls]) {
    await expect(request(url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  }
});

test('an aborted start leaves nothing behind', async () => {
  const controller = new AbortController();
  controller.abort(new Error('user pressed Ctrl-C'));
  await expect(createLocalCluster({ signal: controller.signal })).rejects.toMatchObject({ code: 'CLUSTER_LOCAL' });
});

test('a port in use is reported, not hidden', async () => {
  cluster = await createLocalCluster();
  const port = Number(new URL(cluster.ingressUrl).port);
  await expect(createLocalCluster({ ingressPort: port })).rejects.toThrow(/EADDRINUSE/);
});
