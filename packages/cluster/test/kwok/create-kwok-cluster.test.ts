import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKwokCluster, type KwokClusterOptions } from '../../src/kwok/create-kwok-cluster.js';
import { KwokBinaryMissingError, KwokConfigError, KwokCreateError, KwokDeleteError } from '../../src/kwok/errors.js';
import { createRecordingExecutor, type RecordingExecutorOptions } from '../../src/recording-executor.js';

const VERSION_OUTPUTS: RecordingExecutorOptions['responses'] = [
  { match: 'kwokctl --version', results: [{ stdout: 'kwokctl version v0.8.0 go1.26.8 (linux/amd64)\n' }] },
  { match: 'kube-apiserver --version', results: [{ stdout: 'Kubernetes v1.36.4\n' }] },
  { match: 'etcd --version', results: [{ stdout: 'etcd Version: 3.6.8\nGit SHA: Not provided\n' }] },
];

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'kwok-test-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

function options(overrides: Partial<KwokClusterOptions> = {}): KwokClusterOptions {
  return { name: 'pr-7', binDir: '/opt/k8s/bin', kubectlPath: '/t/kubectl', workDir: base, ...overrides };
}

describe('createKwokCluster', () => {
  it('creates the cluster from binDir, adds Ready workers, and reports the binaries’ versions', async () => {
    const executor = createRecordingExecutor({ responses: VERSION_OUTPUTS });
    const cluster = await createKwokCluster(options({ executor, workers: 3 }));

    const lines = executor.commandLines();
    expect(lines.slice(0, 3).sort()).toEqual(['etcd --version', 'kube-apiserver --version', 'kwokctl --version']);
    expect(lines.slice(3)).toEqual([
      `kwokctl create cluster --name pr-7 --kubeconfig ${base}/kubeconfig --wait 120s --quiet-pull`,
      'kwokctl scale node --replicas 3 --name pr-7',
      `kubectl --kubeconfig ${base}/kubeconfig wait --for=condition=Ready nodes --all --timeout=120s`,
    ]);
    const create = executor.calls[3]!;
    expect(create.file).toBe('/opt/k8s/bin/kwokctl');
    expect(create.options.env).toMatchObject({
      KWOK_RUNTIME: 'binary',
      KWOK_KUBE_BINARY_PREFIX: '/opt/k8s/bin',
      KWOK_KUBE_VERSION: 'v1.36.4',
      KWOK_ETCD_VERSION: '3.6.8',
      KWOK_WORKDIR: `${base}/kwok`,
      KUBECONFIG: `${base}/kubeconfig`,
    });
    expect(cluster).toMatchObject({
      provider: 'kwok',
      name: 'pr-7',
      context: 'kwok-pr-7',
      kubeconfigPath: `${base}/kubeconfig`,
      namespace: 'prload',
      carriesTraffic: false,
      versions: { kwok: 'v0.8.0', kubernetes: 'v1.36.4', etcd: 'v3.6.8' },
    });

    await Promise.all([cluster.destroy(), cluster.destroy()]);
    expect(executor.commandLines().filter((line) => line.startsWith('kwokctl delete'))).toEqual([
      `kwokctl delete cluster --name pr-7 --kubeconfig ${base}/kubeconfig`,
    ]);
  });

  it('deletes the half-made cluster when a step fails, and names kwokctl’s last line', async () => {
    const executor = createRecordingExecutor({
      responses: [
        ...(VERSION_OUTPUTS ?? []),
        { match: 'kwokctl scale', results: [{ exitCode: 1, stderr: 'starting\nerror: node template invalid\n' }] },
      ],
    });
    const failure = createKwokCluster(options({ executor }));
    await expect(failure).rejects.toBeInstanceOf(KwokCreateError);
    await expect(failure).rejects.toThrow(/kwokctl scale node --replicas 2: error: node template invalid/);
    expect(executor.commandLines().at(-1)).toMatch(/^kwokctl delete cluster --name pr-7/);
  });

  it('keeps a failed cluster for inspection when asked, and destroy() then leaves it', async () => {
    const executor = createRecordingExecutor({
      responses: [...(VERSION_OUTPUTS ?? []), { match: 'kwokctl create', results: [{ exitCode: 1, stderr: 'boom' }] }],
    });
    await expect(createKwokCluster(options({ executor, keep: true }))).rejects.toMatchObject({
      code: 'CLUSTER_KWOK_CREATE',
      stderr: 'boom',
    });
    expect(executor.commandLines().some((line) => line.startsWith('kwokctl delete'))).toBe(false);

    const kept = createRecordingExecutor({ responses: VERSION_OUTPUTS });
    const cluster = await createKwokCluster(options({ executor: kept, keep: true }));
    await cluster.destroy();
    expect(kept.commandLines().some((line) => line.startsWith('kwokctl delete'))).toBe(false);
  });

  it('lets destroy() be retried after a failed delete', async () => {
    const executor = createRecordingExecutor({
      responses: [
        ...(VERSION_OUTPUTS ?? []),
        { match: 'kwokctl delete', results: [{ exitCode: 1, stderr: 'etcd still stopping' }, { exitCode: 0 }] },
      ],
    });
    const cluster = await createKwokCluster(options({ executor }));
    await expect(cluster.destroy()).rejects.toBeInstanceOf(KwokDeleteError);
    await expect(cluster.destroy()).resolves.toBeUndefined();
  });

  it('removes the temp folder it made, but never a workDir it was given', async () => {
    const executor = createRecordingExecutor({ responses: VERSION_OUTPUTS });
    const own = await createKwokCluster(options({ executor, workDir: undefined }));
    expect(existsSync(own.workDir)).toBe(true);
    await own.destroy();
    expect(existsSync(own.workDir)).toBe(false);

    const given = await createKwokCluster(options({ executor }));
    await given.destroy();
    expect(existsSync(base)).toBe(true);
  });

  it('fails early, naming the build script, when binDir lacks the binaries', async () => {
    // The real executor: spawning a missing file is what a wrong binDir does.
    const failure = createKwokCluster(options({ binDir: join(base, 'empty'), executor: undefined }));
    await expect(failure).rejects.toBeInstanceOf(KwokBinaryMissingError);
    await expect(failure).rejects.toThrow(/not found in .*empty — build it with scripts\/k8s-test-env.sh/);
  });

  it.each([
    [{ name: 'Bad_Name' }, /kwok.name: must be lowercase/],
    [{ name: 'x'.repeat(41) }, /at most 40 characters/],
    [{ workers: -1 }, /kwok.workers: must be an integer from 0 to 10000, got -1/],
    [{ workers: 1.5 }, /got 1.5/],
  ])('rejects %o before running anything', async (overrides, message) => {
    const executor = createRecordingExecutor();
    await expect(createKwokCluster(options({ executor, ...overrides }))).rejects.toThrow(message);
    await expect(createKwokCluster(options({ executor, ...overrides }))).rejects.toBeInstanceOf(KwokConfigError);
    expect(executor.calls).toHaveLength(0);
  });

  it('scaleNodes() rescales and waits for Ready nodes', async () => {
    const executor = createRecordingExecutor({ responses: VERSION_OUTPUTS });
    const cluster = await createKwokCluster(options({ executor }));
    await cluster.scaleNodes(50);
    expect(executor.commandLines().slice(-2)).toEqual([
      'kwokctl scale node --replicas 50 --name pr-7',
      `kubectl --kubeconfig ${base}/kubeconfig wait --for=condition=Ready nodes --all --timeout=120s`,
    ]);
  });
});
