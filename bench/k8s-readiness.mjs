#!/usr/bin/env node
// Readiness detection at scale, on a real control plane (kwok: etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler; fake nodes and pods). 200 Deployments on 50 fake nodes are created at once, and three
// observers watch them roll out:
//   truth  a bare client-node Watch noting when each Deployment's rolled-out status arrives (the earliest a
//          client can know);
//   watch  @prload/probe's waitForDeployments (list + watch);
//   poll   a loop listing the Deployments every 2 s, the way a naive script would.
// Each observer talks to the API server through its own counting proxy, so requests and bytes are its own.
// Pass: watch returns within 250 ms of truth's last Deployment and makes at most 10 requests.
//
//   npx nx run-many -t build -p @prload/cluster @prload/probe && node bench/k8s-readiness.mjs [--record]
// Knobs: BENCH_DEPLOYMENTS (200), BENCH_NODES (50), BENCH_REPLICAS (1), BENCH_POLL_MS (2000).
// --record appends a section to bench/RESULTS.md. Binaries: scripts/k8s-test-env.sh (run first, or it runs).
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppsV1Api, CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { createKwokCluster } from '@prload/cluster';
import { isDeploymentRolledOut, waitForDeployments } from '@prload/probe';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 200);
const NODES = Number(process.env.BENCH_NODES ?? 50);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 1);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 2000);
const DEADLINE_MS = 10 * 60_000;
const MAX_LATENCY_MS = 250;
const MAX_WATCH_REQUESTS = 10;
const record = process.argv.includes('--record');
const namespace = 'bench';

function log(line) {
  console.log(`[k8s-readiness] ${line}`);
}

/** Env for kwokctl and the tools, as scripts/k8s-test-env.sh prints it (building the binaries if needed). */
function k8sEnv() {
  const build = spawnSync('bash', [join(root, 'scripts/k8s-test-env.sh'), 'build'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('scripts/k8s-test-env.sh build failed');
  const printed = spawnSync('bash', [join(root, 'scripts/k8s-test-env.sh'), '--print-env'], { encoding: 'utf8' });
  return Object.fromEntries(
    printed.stdout
      .split('\n')
      .map((line) => /^export ([A-Z_]+)=(.*)$/.exec(line))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  );
}

/**
 * A plain-HTTP proxy on 127.0.0.1 in front of the API server that authenticates with the run's client
 * certificate and counts every request (a watch is one request, however long it streams) and response byte.
 */
async function countingProxy(kc) {
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  const read = (data, file) => (data ? Buffer.from(data, 'base64') : file ? readFileSync(file) : undefined);
  const upstream = new URL(cluster.server);
  const agent = new Agent({
    keepAlive: true,
    ca: read(cluster.caData, cluster.caFile),
    cert: read(user.certData, user.certFile),
    key: read(user.keyData, user.keyFile),
  });
  const stats = { requests: 0, watches: 0, lists: 0, other: 0, bytes: 0 };
  const server = createServer((req, res) => {
    stats.requests += 1;
    const url = new URL(req.url, 'http://proxy');
    if (/^(1|true)$/.test(url.searchParams.get('watch') ?? '')) stats.watches += 1;
    // Every non-watch GET these observers make is a list of the namespace's Deployments.
    else if (req.method === 'GET') stats.lists += 1;
    else stats.other += 1;
    const upstreamReq = httpsRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
        agent,
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.on('data', (chunk) => {
          stats.bytes += chunk.length;
        });
        upstreamRes.pipe(res);
      },
    );
    upstreamReq.on('error', (error) => {
      res.destroy(error);
    });
    res.on('close', () => upstreamReq.destroy());
    req.pipe(upstreamReq);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const proxied = new KubeConfig();
  proxied.loadFromOptions({
    clusters: [{ name: 'proxy', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'proxy' }],
    contexts: [{ name: 'proxy', cluster: 'proxy', user: 'proxy' }],
    currentContext: 'proxy',
  });
  return {
    kc: proxied,
    stats,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}

function deployment(name) {
  const labels = { app: name, bench: 'readiness' };
  return {
    metadata: { name, labels },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'app', image: 'hashicorp/http-echo:1.0' }] },
      },
    },
  };
}

/** Notes, per Deployment, when its rolled-out status first arrived; resolves when all have. */
function truthObserver(kc, names) {
  const readyAt = new Map();
  let done;
  const all = new Promise((resolve) => {
    done = resolve;
  });
  const watch = new Watch(kc);
  let request;
  const start = (resourceVersion) =>
    watch
      .watch(
        `/apis/apps/v1/namespaces/${namespace}/deployments`,
        { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 600 },
        (type, obj) => {
          const at = performance.now();
          const name = obj?.metadata?.name;
          if (!names.has(name) || readyAt.has(name) || type === 'BOOKMARK') return;
          if (isDeploymentRolledOut(obj).done) {
            readyAt.set(name, at);
            if (readyAt.size === names.size) done();
          }
        },
        (error) => {
          if (readyAt.size < names.size) log(`truth watch ended early: ${error ?? 'closed'}`);
        },
      )
      .then((r) => {
        request = r;
      });
  return {
    readyAt,
    all,
    start,
    stop: () => request?.abort(),
  };
}

/** Lists the Deployments every POLL_MS until all are rolled out; the interval runs from each list's start. */
async function pollObserver(kc, names, signal) {
  const apps = kc.makeApiClient(AppsV1Api);
  let polls = 0;
  for (;;) {
    const started = performance.now();
    polls += 1;
    const list = await apps.listNamespacedDeployment({ namespace, labelSelector: 'bench=readiness' });
    const ready = list.items.filter((d) => names.has(d.metadata?.name) && isDeploymentRolledOut(d).done).length;
    if (ready === names.size) return { at: performance.now(), polls };
    signal.throwIfAborted();
    const wait = Math.max(0, POLL_MS - (performance.now() - started));
    // The baseline under comparison is a fixed-interval poll; this timer is that interval, not a wait for state.
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

async function createAll(kc, names) {
  const apps = kc.makeApiClient(AppsV1Api);
  const queue = [...names];
  // 10 creators in parallel: the apiserver, etcd and the controllers share 2 cores with this script.
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let name = queue.shift(); name; name = queue.shift()) {
        await apps.createNamespacedDeployment({ namespace, body: deployment(name) });
      }
    }),
  );
}

function leftovers(workDir) {
  return spawnSync('pgrep', ['-f', workDir], { encoding: 'utf8' }).stdout.trim();
}

const env = k8sEnv();
const names = new Set(Array.from({ length: DEPLOYMENTS }, (_, i) => `app-${String(i).padStart(3, '0')}`));
log(`starting kwok cluster with ${NODES} fake nodes`);
const clusterStart = performance.now();
const cluster = await createKwokCluster({
  name: `prload-bench-${process.pid}`,
  workers: NODES,
  binDir: env.KWOK_KUBE_BINARY_PREFIX,
  kubectlPath: env.KWOK_KUBECTL_BINARY,
  // Client-side QPS limits of the controllers would dominate the rollout time of 200 Deployments.
  disableQpsLimits: true,
});
log(`cluster ${JSON.stringify(cluster.versions)} ready in ${((performance.now() - clusterStart) / 1000).toFixed(1)} s`);

const proxies = [];
let result;
try {
  const admin = new KubeConfig();
  admin.loadFromFile(cluster.kubeconfigPath);
  await admin.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });

  const [truthProxy, watchProxy, pollProxy] = await Promise.all([
    countingProxy(admin),
    countingProxy(admin),
    countingProxy(admin),
  ]);
  proxies.push(truthProxy, watchProxy, pollProxy);

  const truth = truthObserver(truthProxy.kc, names);
  await truth.start(undefined);
  const abort = new AbortController();
  const t0 = performance.now();
  const watched = waitForDeployments({
    kubeConfig: watchProxy.kc,
    namespace,
    names: [...names],
    labelSelector: 'bench=readiness',
    timeoutMs: DEADLINE_MS,
    signal: abort.signal,
  }).then(() => performance.now());
  const polled = pollObserver(pollProxy.kc, names, abort.signal);

  await createAll(admin, names);
  const created = performance.now();
  log(`${DEPLOYMENTS} Deployments created in ${((created - t0) / 1000).toFixed(1)} s; waiting for the rollouts`);

  const deadline = setTimeout(() => abort.abort(new Error('benchmark deadline')), DEADLINE_MS);
  const [watchAt, poll] = await Promise.all([watched, polled, truth.all]);
  clearTimeout(deadline);
  truth.stop();
  const lastReady = Math.max(...truth.readyAt.values());
  const firstReady = Math.min(...truth.readyAt.values());

  result = {
    date: new Date().toISOString(),
    deployments: DEPLOYMENTS,
    nodes: NODES,
    replicas: REPLICAS,
    kubernetes: cluster.versions.kubernetes,
    cpus: cpus().length,
    load1: Number(loadavg()[0].toFixed(2)),
    createSeconds: Number(((created - t0) / 1000).toFixed(2)),
    firstReadySeconds: Number(((firstReady - t0) / 1000).toFixed(2)),
    lastReadySeconds: Number(((lastReady - t0) / 1000).toFixed(2)),
    watch: {
      latencyMs: Math.round(watchAt - lastReady),
      requests: watchProxy.stats.requests,
      lists: watchProxy.stats.lists,
      watches: watchProxy.stats.watches,
      bytes: watchProxy.stats.bytes,
    },
    poll: {
      intervalMs: POLL_MS,
      latencyMs: Math.round(poll.at - lastReady),
      requests: pollProxy.stats.requests,
      lists: pollProxy.stats.lists,
      bytes: pollProxy.stats.bytes,
    },
    truth: { requests: truthProxy.stats.requests },
  };
} finally {
  for (const proxy of proxies) await proxy.close();
  await cluster.destroy();
}
const left = leftovers(cluster.workDir);

const pass = result.watch.latencyMs <= MAX_LATENCY_MS && result.watch.requests <= MAX_WATCH_REQUESTS && !left;
console.log('');
console.log(`| observer | after last ready | API requests | bytes received |`);
console.log(`| --- | --- | --- | --- |`);
console.log(
  `| waitForDeployments (watch) | ${result.watch.latencyMs} ms | ${result.watch.requests} (${result.watch.lists} list, ${result.watch.watches} watch) | ${result.watch.bytes} |`,
);
console.log(
  `| ${POLL_MS / 1000} s polling loop | ${result.poll.latencyMs} ms | ${result.poll.requests} lists | ${result.poll.bytes} |`,
);
console.log(
  `created in ${result.createSeconds} s; first ready at ${result.firstReadySeconds} s, last at ${result.lastReadySeconds} s`,
);
console.log(`leftover processes: ${left || 'none'}`);
console.log(`RESULT ${JSON.stringify({ bench: 'k8s-readiness', pass, ...result })}`);

if (record) {
  const section = [
    '',
    `## k8s-readiness: ${DEPLOYMENTS} Deployments on ${NODES} kwok nodes (${result.date.slice(0, 10)})`,
    '',
    `\`node bench/k8s-readiness.mjs\` on a real control plane (Kubernetes ${result.kubernetes} built from source,`,
    `etcd, controller-manager and scheduler under kwokctl's binary runtime), ${result.cpus} cores, load ${result.load1}.`,
    `Deployments of ${REPLICAS} replica(s) created ${10} at a time in ${result.createSeconds} s; the first was rolled out`,
    `${result.firstReadySeconds} s and the last ${result.lastReadySeconds} s after the start ("truth": a bare watch's arrival time).`,
    '',
    '| observer | returned after the last Deployment was ready | API requests | bytes received |',
    '| --- | --- | --- | --- |',
    `| \`waitForDeployments\` (list + watch) | ${result.watch.latencyMs} ms | ${result.watch.requests} (${result.watch.lists} list, ${result.watch.watches} watch) | ${result.watch.bytes} |`,
    `| polling loop, every ${POLL_MS / 1000} s | ${result.poll.latencyMs} ms | ${result.poll.requests} lists | ${result.poll.bytes} |`,
    '',
    `Criterion: watch within ${MAX_LATENCY_MS} ms with at most ${MAX_WATCH_REQUESTS} requests: **${pass ? 'pass' : 'FAIL'}**. No cluster process was left behind: ${left ? 'NO' : 'yes'}.`,
    'A negative time means the wait saw the last status before the reference watch did (each has its own',
    'connection). The watch receives every status update of every Deployment, so it moves more bytes than a',
    'few polls of a short rollout; its request count stays constant, while the polls grow with the rollout time.',
    '',
  ].join('\n');
  appendFileSync(join(root, 'bench', 'RESULTS.md'), section);
  log('appended to bench/RESULTS.md');
}
process.exit(pass ? 0 : 1);
