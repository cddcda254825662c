import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectExistingCluster } from '../../src/existing/connect-existing-cluster.js';
import { ExistingClusterError } from '../../src/existing/errors.js';
import { runNamespace } from '../../src/existing/run-namespace.js';
import { type CannedResponse, createRecordingExecutor } from '../../src/recording-executor.js';

let dir: string;
let kubeconfig: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prload-existing-'));
  kubeconfig = join(dir, 'config');
  await writeFile(kubeconfig, 'apiVersion: v1\nkind: Config\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SERVER_VERSION: CannedResponse = {
  match: (c) => c.args.includes('version'),
  results: [
    { stdout: JSON.stringify({ clientVersion: { gitVersion: 'v1.35.1' }, serverVersion: { gitVersion: 'v1.33.2' } }) },
  ],
};

describe('connectExistingCluster', () => {
  it('creates and labels the run’s namespace with kubectl scoped to the given kubeconfig and context', async () => {
    const executor = createRecordingExecutor({ responses: [SERVER_VERSION] });
    const cluster = await connectExistingCluster({
      kubeconfigPath: kubeconfig,
      context: 'ci',
      runId: 'pr-42-1',
      executor,
    });
    const scope = `kubectl --kubeconfig ${kubeconfig} --context ci`;
    expect(executor.commandLines()).toEqual([
      `${scope} version -o json`,
      `${scope} create namespace prload-pr-42-1`,
      `${scope} label namespace prload-pr-42-1 app.kubernetes.io/managed-by=prload prload.dev/run-id=pr-42-1`,
    ]);
    expect(cluster).toMatchObject({
      provider: 'existing',
      name: 'ci',
      context: 'ci',
      kubeconfigPath: kubeconfig,
      namespace: 'prload-pr-42-1',
      ingressUrl: 'http://127.0.0.1:80',
      carriesTraffic: true,
      versions: { kubernetes: 'v1.33.2' },
    });
  });

  it('uses the current context when none is given', async () => {
    const executor = createRecordingExecutor({ responses: [SERVER_VERSION] });
    const cluster = await connectExistingCluster({ kubeconfigPath: kubeconfig, runId: 'r', executor });
    expect(executor.calls.every((c) => !c.args.includes('--context'))).toBe(true);
    expect(cluster.context).toBeUndefined();
  });

  it('destroy() deletes the namespace once, even when called concurrently', async () => {
    const executor = createRecordingExecutor({ responses: [SERVER_VERSION] });
    const cluster = await connectExistingCluster({
      kubeconfigPath: kubeconfig,
      runId: 'r',
      executor,
      deleteTimeoutSeconds: 60,
    });
    await Promise.all([cluster.destroy(), cluster.destroy()]);
    await cluster.destroy();
    expect(executor.commandLines().filter((l) => l.includes(' delete '))).toEqual([
      `kubectl --kubeconfig ${kubeconfig} delete namespace prload-r --ignore-not-found --wait=true --timeout=60s`,
    ]);
  });

  it('destroy() still deletes the namespace after the run was interrupted', async () => {
    const executor = createRecordingExecutor({ responses: [SERVER_VERSION] });
    const interrupt = new AbortController();
    const cluster = await connectExistingCluster({
      kubeconfigPath: kubeconfig,
      runId: 'r',
      executor,
      signal: interrupt.signal,
    });
    interrupt.abort(new Error('SIGINT'));
    await cluster.destroy();
    const deletes = executor.calls.filter((c) => c.args.includes('delete'));
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.options.signal?.aborted).toBe(false);
  });

  it('destroy() keeps the namespace when keep is set', async () => {
    const executor = createRecordingExecutor({ responses: [SERVER_VERSION] });
    const cluster = await connectExistingCluster({ kubeconfigPath: kubeconfig, runId: 'r', executor, keep: true });
    await cluster.destroy();
    expect(executor.commandLines().some((l) => l.includes(' delete '))).toBe(false);
  });

  it('reports an unreachable cluster with kubectl’s own words', async () => {
    const executor = createRecordingExecutor({
      responses: [
        {
          match: (c) => c.args.includes('version'),
          results: [{ exitCode: 1, stderr: 'The connection to the server 10.0.0.1:6443 was refused\n' }],
        },
      ],
    });
    const error = await connectExistingCluster({ kubeconfigPath: kubeconfig, runId: 'r', executor }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExistingClusterError);
    expect((error as Error).message).toMatch(/was refused — check the kubeconfig/);
  });

  it('refuses to reuse a namespace that already exists', async () => {
    const executor = createRecordingExecutor({
      responses: [
        SERVER_VERSION,
        {
          match: (c) => c.args.includes('create'),
          results: [
            { exitCode: 1, stderr: 'Error from server (AlreadyExists): namespaces "prload-r" already exists\n' },
          ],
        },
      ],
    });
    await expect(connectExistingCluster({ kubeconfigPath: kubeconfig, runId: 'r', executor })).rejects.toThrow(
      /already exists — pick another runId/,
    );
  });

  it('fails fast on a missing kubeconfig file', async () => {
    const executor = createRecordingExecutor();
    await expect(
      connectExistingCluster({ kubeconfigPath: join(dir, 'missing'), runId: 'r', executor }),
    ).rejects.toMatchObject({ code: 'CLUSTER_EXISTING_KUBECONFIG', kind: 'bad-input', message: /cannot read it/ });
    expect(executor.calls).toHaveLength(0);
  });
});

describe('runNamespace', () => {
  it('prefixes the run id', () => {
    expect(runNamespace('1234-abc')).toBe('prload-1234-abc');
  });

  it.each(['Upper', 'under_score', '-lead', 'trail-', 'x'.repeat(57)])('rejects %j', (runId) => {
    expect(() => runNamespace(runId)).toThrow(ExistingClusterError);
  });

  it('accepts the longest id that still fits a namespace name', () => {
    expect(runNamespace('x'.repeat(56))).toHaveLength(63);
  });
});
