import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createKindCluster } from '../../src/kind/create-kind-cluster.js';
import {
  KindBootDeadlineError,
  KindConfigError,
  KindCreateError,
  KindDeleteError,
  KindLoadImagesError,
} from '../../src/kind/errors.js';
import { type CannedResponse, createRecordingExecutor } from '../../src/recording-executor.js';
import { KUBEADM_TIMEOUT_STDERR, READY_TIMEOUT_STDERR } from '../helpers/kind-output.js';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'prload-kind-test-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const KIND_VERSION_OUTPUT: CannedResponse = {
  match: 'kind version',
  results: [{ stdout: 'kind v0.33.0 go1.26.7 linux/amd64\n' }],
};

function recorder(...responses: CannedResponse[]) {
  return createRecordingExecutor({ responses: [...responses, KIND_VERSION_OUTPUT] });
}

describe('createKindCluster', () => {
  it('writes the config, creates the cluster into the run’s own kubeconfig and reports versions', async () => {
    const executor = recorder();
    const cluster = await createKindCluster({ name: 'prload-1', executor, workDir, kindPath: '/opt/kind' });
    const kubeconfig = join(workDir, 'kubeconfig');
    const config = join(workDir, 'kind-config.yaml');
    expect(executor.commandLines()).toEqual([
      `kind create cluster --name prload-1 --config ${config} --wait 180s --kubeconfig ${kubeconfig}`,
      'kind version',
    ]);
    expect(executor.calls[0]!.file).toBe('/opt/kind');
    expect(executor.calls[0]!.options.env).toEqual({ KUBECONFIG: kubeconfig });
    expect(parse(await readFile(config, 'utf8'))).toEqual(parse(cluster.config));
    expect(cluster).toMatchObject({
      provider: 'kind',
      name: 'prload-1',
      ingressUrl: 'http://127.0.0.1:80',
      kubeconfigPath: kubeconfig,
      context: 'kind-prload-1',
      namespace: 'prload',
      carriesTraffic: true,
      reused: false,
      versions: { kind: 'v0.33.0', kubernetes: 'v1.37.0' },
    });
  });

  it('creates the nodes from another image (a mirror, or one built offline) and reports its Kubernetes version', async () => {
    const executor = recorder();
    const cluster = await createKindCluster({
      name: 'p',
      executor,
      workDir,
      nodeImage: 'prload.local/kind-node:v1.36.4',
      cgroupV1: true,
    });
    const config = parse(await readFile(join(workDir, 'kind-config.yaml'), 'utf8'));
    expect(config.nodes.map((node: { image: string }) => node.image)).toEqual([
      'prload.local/kind-node:v1.36.4',
      'prload.local/kind-node:v1.36.4',
      'prload.local/kind-node:v1.36.4',
    ]);
    expect(config.kubeadmConfigPatches).toEqual(['kind: KubeletConfiguration\nfailCgroupV1: false\n']);
    expect(cluster.versions).toEqual({ kind: 'v0.33.0', kubernetes: 'v1.36.4' });
  });

  it('never lets kind write ~/.kube/config: every kubeconfig-touching command names the run’s file', async () => {
    const executor = recorder({ match: 'kind create', results: [{ stderr: READY_TIMEOUT_STDERR }, {}] });
    const cluster = await createKindCluster({ name: 'p', executor, workDir, kubeconfigPath: join(workDir, 'own') });
    await cluster.destroy();
    for (const call of executor.calls) {
      expect(call.options.env?.['KUBECONFIG']).toBe(join(workDir, 'own'));
      if (['create', 'delete', 'export'].includes(call.args[0]!)) {
        expect(call.args.slice(-2)).toEqual(['--kubeconfig', join(workDir, 'own')]);
      }
    }
  });

  it.each([
    ['the --wait warning (exit 0)', { exitCode: 0, stderr: READY_TIMEOUT_STDERR }],
    ['a kubeadm wait-control-plane failure', { exitCode: 1, stderr: KUBEADM_TIMEOUT_STDERR }],
  ])('deletes and retries once after %s', async (_name, firstAttempt) => {
    const executor = recorder({ match: 'kind create', results: [firstAttempt, { exitCode: 0 }] });
    const logs: string[] = [];
    await createKindCluster({ name: 'p', executor, workDir, log: (line) => logs.push(line) });
    expect(executor.commandLines().map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'kind create',
      'kind delete',
      'kind create',
      'kind version',
    ]);
    expect(logs.some((line) => line.includes('missed its boot deadline'))).toBe(true);
  });

  it('gives up after the second missed deadline, deleting the cluster, with kind’s stderr kept', async () => {
    const executor = recorder({ match: 'kind create', results: [{ stderr: READY_TIMEOUT_STDERR }] });
    const error = await createKindCluster({ name: 'p', executor, workDir, waitSeconds: 60 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KindBootDeadlineError);
    expect((error as KindBootDeadlineError).code).toBe('CLUSTER_KIND_BOOT_DEADLINE');
    expect((error as KindBootDeadlineError).stderr).toBe(READY_TIMEOUT_STDERR);
    expect((error as Error).message).toMatch(/missed its boot deadline twice .*raise waitSeconds/);
    expect(executor.commandLines().filter((l) => l.startsWith('kind create'))).toHaveLength(2);
    expect(executor.commandLines().at(-1)).toMatch(/^kind delete cluster --name p /);
    expect(executor.calls[0]!.args).toContain('60s');
  });

  it('does not retry other failures', async () => {
    const stderr = 'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "p"\n';
    const executor = recorder({ match: 'kind create', results: [{ exitCode: 1, stderr }] });
    const error = await createKindCluster({ name: 'p', executor, workDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KindCreateError);
    expect(error).not.toBeInstanceOf(KindBootDeadlineError);
    expect((error as Error).message).toContain('node(s) already exist');
    expect(executor.commandLines().filter((l) => l.startsWith('kind create'))).toHaveLength(1);
  });

  it('keeps a failed cluster for inspection when keep is set', async () => {
    const executor = recorder({ match: 'kind create', results: [{ exitCode: 1, stderr: 'boom' }] });
    await expect(createKindCluster({ name: 'p', executor, workDir, keep: true })).rejects.toThrow(KindCreateError);
    expect(executor.commandLines().some((l) => l.startsWith('kind delete'))).toBe(false);
  });

  it('an interrupt right after creation still hands back the cluster, so it can be deleted', async () => {
    const interrupt = new AbortController();
    const executor = recorder({
      match: 'kind create',
      results: [
        () => {
          interrupt.abort(new Error('SIGINT'));
          return { exitCode: 0 };
        },
      ],
    });
    const cluster = await createKindCluster({ name: 'prload-1', executor, workDir, signal: interrupt.signal });
    await cluster.destroy();
    expect(executor.commandLines().some((line) => line.startsWith('kind delete cluster --name prload-1'))).toBe(true);
  });

  it('loads preloaded images into the nodes in one command', async () => {
    const executor = recorder();
    await createKindCluster({ name: 'p', executor, workDir, preloadImages: ['hashicorp/http-echo:1.0.0', 'curl:x'] });
    expect(executor.commandLines()).toContain('kind load docker-image hashicorp/http-echo:1.0.0 curl:x --name p');
  });

  it('deletes the new cluster when loading images fails', async () => {
    const executor = recorder({
      match: 'kind load',
      results: [{ exitCode: 1, stderr: 'ERROR: image: "nope:1" not present locally\n' }],
    });
    const error = await createKindCluster({ name: 'p', executor, workDir, preloadImages: ['nope:1'] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KindLoadImagesError);
    expect((error as Error).message).toContain('not present locally');
    expect(executor.commandLines().at(-1)).toMatch(/^kind delete cluster --name p/);
  });

  it('reuses a listed cluster: exports its kubeconfig into the run’s file and never deletes it', async () => {
    const executor = recorder({ match: 'kind get clusters', results: [{ stdout: 'other\np\n' }] });
    const cluster = await createKindCluster({ name: 'p', executor, workDir, reuse: true });
    await cluster.destroy();
    expect(executor.commandLines()).toEqual([
      'kind get clusters',
      `kind export kubeconfig --name p --kubeconfig ${join(workDir, 'kubeconfig')}`,
      'kind version',
    ]);
    expect(cluster.reused).toBe(true);
    expect(cluster.versions).toEqual({ kind: 'v0.33.0' });
  });

  it('creates the cluster when reuse finds none of that name', async () => {
    const executor = recorder({ match: 'kind get clusters', results: [{ stdout: 'p-2\n' }] });
    const cluster = await createKindCluster({ name: 'p', executor, workDir, reuse: true });
    expect(cluster.reused).toBe(false);
    expect(executor.commandLines()[1]).toMatch(/^kind create cluster --name p /);
  });

  it('destroy() deletes once however often and however concurrently it is called', async () => {
    const executor = recorder();
    const cluster = await createKindCluster({ name: 'p', executor, workDir });
    await Promise.all([cluster.destroy(), cluster.destroy()]);
    await cluster.destroy();
    expect(executor.commandLines().filter((l) => l.startsWith('kind delete'))).toEqual([
      `kind delete cluster --name p --kubeconfig ${join(workDir, 'kubeconfig')}`,
    ]);
  });

  it('destroy() can be retried after a failed delete', async () => {
    const executor = recorder({ match: 'kind delete', results: [{ exitCode: 1, stderr: 'docker: daemon gone' }, {}] });
    const cluster = await createKindCluster({ name: 'p', executor, workDir });
    await expect(cluster.destroy()).rejects.toThrow(KindDeleteError);
    await cluster.destroy();
    expect(executor.commandLines().filter((l) => l.startsWith('kind delete'))).toHaveLength(2);
  });

  it('destroy() leaves a kept cluster alone', async () => {
    const executor = recorder();
    const cluster = await createKindCluster({ name: 'p', executor, workDir, keep: true });
    await cluster.destroy();
    expect(executor.commandLines().some((l) => l.startsWith('kind delete'))).toBe(false);
  });

  it('removes the temp folder it made itself on destroy', async () => {
    const executor = recorder();
    const cluster = await createKindCluster({ name: 'p', executor });
    expect((await stat(cluster.kubeconfigPath.replace(/kubeconfig$/, 'kind-config.yaml'))).isFile()).toBe(true);
    await cluster.destroy();
    await expect(stat(cluster.kubeconfigPath.replace(/kubeconfig$/, ''))).rejects.toThrow(/ENOENT/);
  });

  it('deletes the half-made cluster when the run is aborted during creation', async () => {
    const controller = new AbortController();
    const executor = recorder({
      match: 'kind create',
      results: [
        () => {
          controller.abort(new Error('SIGINT'));
          controller.signal.throwIfAborted();
          return {};
        },
      ],
    });
    await expect(createKindCluster({ name: 'p', executor, workDir, signal: controller.signal })).rejects.toThrow(
      'SIGINT',
    );
    expect(executor.commandLines().at(-1)).toMatch(/^kind delete cluster --name p/);
  });

  it.each(['Prload', 'a_b', '-a', 'x'.repeat(41)])('rejects the cluster name %j before running kind', async (name) => {
    const executor = recorder();
    await expect(createKindCluster({ name, executor, workDir })).rejects.toThrow(KindConfigError);
    expect(executor.calls).toHaveLength(0);
  });
});
