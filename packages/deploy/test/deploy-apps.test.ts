import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor } from '@prload/cluster';
import { createRecordingExecutor, type RecordedCommand } from '@prload/cluster/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deployApps } from '../src/deploy-apps.js';
import { ChartNotFoundError, HelmReleasesError } from '../src/errors.js';
import { planDeployment } from '../src/plan-deployment.js';
import { helmBinary } from './helpers/helm-binary.js';

const APPS = [
  { name: 'foo', text: 'foo', host: 'foo.127.0.0.1.nip.io' },
  { name: 'bar', text: 'bar', host: 'bar.127.0.0.1.nip.io' },
  { name: 'baz', text: 'baz', host: 'baz.127.0.0.1.nip.io' },
];

let valuesDir: string;
beforeEach(async () => {
  valuesDir = await mkdtemp(join(tmpdir(), 'prload-deploy-'));
});
afterEach(async () => {
  await rm(valuesDir, { recursive: true, force: true });
});

/** Holds every helm install until all of them have started: resolves only if they run in parallel. */
function barrier(count: number) {
  let started = 0;
  let release!: () => void;
  const allStarted = new Promise<void>((resolve) => {
    release = resolve;
  });
  return async (_command: RecordedCommand) => {
    started++;
    if (started === count) release();
    const deadline = AbortSignal.timeout(5_000);
    await new Promise<void>((resolve, reject) => {
      allStarted.then(resolve);
      deadline.addEventListener('abort', () => reject(new Error(`only ${started} of ${count} installs ran at once`)));
    });
    return { exitCode: 0 };
  };
}

describe('deployApps', () => {
  it('installs every app release in parallel, each with its generated values file', async () => {
    const executor = createRecordingExecutor({
      responses: [{ match: 'helm upgrade', results: [barrier(APPS.length)] }],
    });
    const deployed = await deployApps({
      apps: APPS,
      namespace: 'prload',
      executor,
      helmMajor: 4,
      valuesDir,
      kubeconfigPath: '/k',
    });
    expect(
      executor
        .commandLines()
        .map((l) => l.split(' ').slice(0, 4).join(' '))
        .sort(),
    ).toEqual(['helm upgrade --install bar', 'helm upgrade --install baz', 'helm upgrade --install foo']);
    for (const release of deployed.releases) {
      expect(parse(await readFile(release.valuesFile, 'utf8'))).toEqual(release.values);
    }
    expect(deployed.releases.map((r) => r.release)).toEqual(['foo', 'bar', 'baz']);
  });

  it('runs exactly the commands planDeployment prints for --dry-run', async () => {
    const executor = createRecordingExecutor();
    await deployApps({ apps: APPS, namespace: 'prload', executor, helmMajor: 3, valuesDir });
    const plan = planDeployment({
      apps: APPS,
      namespace: 'prload',
      helmMajor: 3,
      valuesDir,
      ingressController: 'none',
    });
    // The releases install in parallel, each after writing its values file, so they start in any order.
    const byRelease = (a: { args: readonly string[] }, b: { args: readonly string[] }) =>
      (a.args[2] ?? '').localeCompare(b.args[2] ?? '');
    const ran = executor.calls.map(({ file, args }) => ({ file, args }));
    expect(ran.sort(byRelease)).toEqual([...plan.commands].sort(byRelease));
  });

  it('writes the app image into each values file, an app’s own winning over appImage', async () => {
    const deployed = await deployApps({
      apps: [APPS[0]!, { ...APPS[1]!, image: 'prload.local/bar:2' }],
      namespace: 'prload',
      executor: createRecordingExecutor(),
      helmMajor: 4,
      valuesDir,
      appImage: 'mirror.local/hashicorp/http-echo:1.0.0',
    });
    const images = await Promise.all(
      deployed.releases.map(async (r) => parse(await readFile(r.valuesFile, 'utf8')).image),
    );
    expect(images).toEqual([
      { repository: 'mirror.local/hashicorp/http-echo', tag: '1.0.0', digest: '' },
      { repository: 'prload.local/bar', tag: '2', digest: '' },
    ]);
  });

  it('detects helm 3 and uses --atomic --wait', async () => {
    const executor = createRecordingExecutor({
      responses: [{ match: 'helm version', results: [{ stdout: 'v3.19.0+g3d8990f\n' }] }],
    });
    await deployApps({ apps: APPS.slice(0, 1), namespace: 'p', executor, valuesDir });
    expect(executor.commandLines()[0]).toBe('helm version --short');
    expect(executor.calls[1]!.args).toEqual(expect.arrayContaining(['--atomic', '--wait']));
    expect(executor.calls[1]!.args).not.toContain('--rollback-on-failure');
  });

  it('detects helm 4 and uses --rollback-on-failure --wait=watcher', async () => {
    const executor = createRecordingExecutor({
      responses: [{ match: 'helm version', results: [{ stdout: 'v4.1.4+g05fa379\n' }] }],
    });
    await deployApps({ apps: APPS.slice(0, 1), namespace: 'p', executor, valuesDir });
    expect(executor.calls[1]!.args).toEqual(expect.arrayContaining(['--rollback-on-failure', '--wait=watcher']));
    expect(executor.calls[1]!.args).not.toContain('--atomic');
  });

  it('attempts every release and reports all failures with helm’s stderr', async () => {
    const stderr = 'Error: UPGRADE FAILED: context deadline exceeded\n';
    const executor = createRecordingExecutor({
      responses: [{ match: (c) => c.args[2] === 'bar' || c.args[2] === 'baz', results: [{ exitCode: 1, stderr }] }],
    });
    const error = await deployApps({ apps: APPS, namespace: 'prload', executor, helmMajor: 4, valuesDir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HelmReleasesError);
    const releases = error as HelmReleasesError;
    expect(releases.code).toBe('DEPLOY_HELM_RELEASES');
    expect(releases.failures.map((f) => [f.release, f.exitCode, f.stderr])).toEqual([
      ['bar', 1, stderr],
      ['baz', 1, stderr],
    ]);
    expect(releases.failures[0]!.command).toMatch(/^helm upgrade --install bar /);
    expect(releases.message).toMatch(
      /^helm: 2 of 3 releases failed: helm upgrade --install bar \(namespace prload\) exited 1: Error: UPGRADE FAILED: context deadline exceeded — see kubectl get events -n prload/,
    );
    expect(executor.calls).toHaveLength(3);
  });

  it('fails before any helm command when the chart is missing', async () => {
    const executor = createRecordingExecutor();
    await expect(
      deployApps({ apps: APPS, namespace: 'p', executor, helmMajor: 4, valuesDir, chart: join(valuesDir, 'nope') }),
    ).rejects.toThrow(ChartNotFoundError);
    expect(executor.calls).toHaveLength(0);
  });

  it('stops when the run is aborted', async () => {
    const executor = createRecordingExecutor();
    const reason = new Error('SIGTERM');
    await expect(
      deployApps({ apps: APPS, namespace: 'p', executor, helmMajor: 4, valuesDir, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
  });

  it('plans helm 4 flags the real helm 4 binary accepts (it then fails only on the unreachable cluster)', async () => {
    const helm = await helmBinary();
    const version = await createExecutor().run(helm, ['version', '--short']);
    expect(version.stdout).toMatch(/^v4\./);
    // A cluster at a closed port: helm parses every flag, renders, then cannot connect.
    const kubeconfig = join(valuesDir, 'kubeconfig');
    await writeFile(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\n' +
        'users: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
    );
    const error = await deployApps({
      apps: APPS.slice(0, 1),
      namespace: 'p',
      helmPath: helm,
      helmMajor: 4,
      valuesDir,
      kubeconfigPath: kubeconfig,
      kubeContext: 'x',
      timeoutSeconds: 30,
    }).catch((e: unknown) => e);
    const stderr = (error as HelmReleasesError).failures[0]!.stderr;
    expect(stderr).toContain('kubernetes cluster unreachable');
    expect(stderr).toContain('127.0.0.1:1');
    expect(stderr).not.toMatch(/unknown flag|deprecated/i);
  });
});
