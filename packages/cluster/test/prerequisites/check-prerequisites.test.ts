import { once } from 'node:events';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExecutor } from '../../src/exec.js';
import { checkPort } from '../../src/prerequisites/check-port.js';
import { checkPrerequisites } from '../../src/prerequisites/check-prerequisites.js';
import { PrerequisitesError } from '../../src/prerequisites/errors.js';
import { type CannedResponse, createRecordingExecutor } from '../../src/recording-executor.js';

const DOCKER_OK: CannedResponse = { match: 'docker info', results: [{ stdout: '28.2.2 2\n' }] };
const KIND_OK: CannedResponse = { match: 'kind version', results: [{ stdout: 'kind v0.33.0 go1.26.7 linux/amd64\n' }] };
const HELM_OK: CannedResponse = { match: 'helm version', results: [{ stdout: 'v4.1.4+g05fa379\n' }] };
const KUBECTL_OK: CannedResponse = {
  match: 'kubectl version',
  results: [{ stdout: JSON.stringify({ clientVersion: { gitVersion: 'v1.34.5' }, kustomizeVersion: 'v5.7.1' }) }],
};
const TOOLS = { kind: '/t/kind', helm: '/t/helm', kubectl: '/t/kubectl' };

let listening: Server | undefined;
let freePorts: { http: number; https: number };

async function listenOnFreePort(): Promise<Server> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

/** Two ports nobody listens on: taken from the OS, then released. */
async function twoFreePorts(): Promise<{ http: number; https: number }> {
  const servers = [await listenOnFreePort(), await listenOnFreePort()];
  const [http, https] = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return { http: http!, https: https! };
}

beforeEach(async () => {
  freePorts = await twoFreePorts();
});
afterEach(async () => {
  await new Promise((resolve) => (listening ? listening.close(resolve) : resolve(undefined)));
  listening = undefined;
});

async function problemsOf(promise: Promise<unknown>): Promise<readonly string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrerequisitesError);
  expect((error as PrerequisitesError).code).toBe('CLUSTER_PREREQUISITES');
  return (error as PrerequisitesError).problems;
}

describe('checkPrerequisites', () => {
  it('returns every version when all is in place for kind', async () => {
    const executor = createRecordingExecutor({ responses: [DOCKER_OK, KIND_OK, HELM_OK, KUBECTL_OK] });
    const versions = await checkPrerequisites({ provider: 'kind', executor, tools: TOOLS, hostPorts: freePorts });
    expect(versions).toEqual({
      docker: '28.2.2',
      dockerCgroupVersion: 2,
      kind: 'v0.33.0',
      helm: 'v4.1.4',
      kubectl: 'v1.34.5',
    });
    expect(executor.commandLines().sort()).toEqual([
      'docker info --format {{.ServerVersion}} {{.CgroupVersion}}',
      'helm version --short',
      'kind version',
      'kubectl version --client -o json',
    ]);
  });

  it('reads helm 3’s short version too', async () => {
    const executor = createRecordingExecutor({
      responses: [{ match: 'helm version', results: [{ stdout: 'v3.19.0+g3d8990f\n' }] }, KUBECTL_OK],
    });
    expect(await checkPrerequisites({ provider: 'existing', executor, tools: TOOLS })).toEqual({
      helm: 'v3.19.0',
      kubectl: 'v1.34.5',
    });
  });

  it('lists every problem, one line each naming the tool and the fix', async () => {
    listening = await listenOnFreePort();
    const busy = (listening.address() as { port: number }).port;
    const executor = createRecordingExecutor({
      responses: [
        {
          match: 'docker info',
          results: [
            {
              exitCode: 1,
              stderr:
                'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
            },
          ],
        },
        { match: 'kind version', results: [{ stdout: 'kind v0.26.0 go1.23.4 linux/amd64\n' }] },
        { match: 'helm version', results: [{ stdout: 'Client: &version.Version{SemVer:"v2.17.0"}\n' }] },
        KUBECTL_OK,
      ],
    });
    const problems = await problemsOf(
      checkPrerequisites({
        provider: 'kind',
        executor,
        tools: TOOLS,
        hostPorts: { http: busy, https: freePorts.https },
      }),
    );
    expect(problems).toEqual([
      'Docker daemon not reachable (docker info: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?) — start Docker, or set DOCKER_HOST to a running daemon',
      'kind v0.26.0 is too old, prload needs >=v0.27.0 — upgrade kind or set PRLOAD_KIND to a newer one',
      'helm version --short: cannot read a version from "Client: &version.Version{SemVer:\\"v2.17.0\\"}" — install helm >=3.14 or set PRLOAD_HELM',
      `host port ${busy} on 127.0.0.1 is in use — stop what listens there, or give kind another hostPorts.http`,
    ]);
  });

  it('names tools missing from PATH with the variable that fixes it', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'prload-empty-path-'));
    try {
      const executor = createRecordingExecutor({ responses: [DOCKER_OK] });
      const problems = await problemsOf(
        checkPrerequisites({ provider: 'kind', executor, env: { PATH: empty }, hostPorts: freePorts }),
      );
      expect(problems).toEqual([
        'kind not found on PATH — install kind >=0.27 or set PRLOAD_KIND',
        'helm not found on PATH — install helm >=3.14 or set PRLOAD_HELM',
        'kubectl not found on PATH — install kubectl >=1.29 or set PRLOAD_KUBECTL',
      ]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('finds tools through PRLOAD_* variables and runs them from there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'prload-tools-'));
    try {
      const helm = join(dir, 'my-helm');
      await writeFile(helm, '#!/bin/sh\n[ "$1 $2" = "version --short" ] && echo v3.17.2+gcc0bbbd\n');
      await chmod(helm, 0o755);
      const versions = await checkPrerequisites({
        provider: 'existing',
        executor: createExecutor(),
        env: { PRLOAD_HELM: helm, PATH: dir },
        requirements: ['helm'],
      });
      expect(versions).toEqual({ helm: 'v3.17.2' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a cgroup v1 host', '28.2.2 1\n', '28.2.2', 1],
    ['a cgroup v2 host', '28.2.2 2\n', '28.2.2', 2],
    ['an old daemon that does not report it', '19.03.15 \n', '19.03.15', 2],
  ])('reads the cgroup version of %s', async (_name, stdout, docker, cgroupVersion) => {
    const executor = createRecordingExecutor({ responses: [{ match: 'docker info', results: [{ stdout }] }] });
    const found = await checkPrerequisites({ provider: 'kind', executor, requirements: ['docker'] });
    expect(found).toEqual({ docker, dockerCgroupVersion: cgroupVersion });
  });

  it('runs docker from the PATH it is given, like the other tools', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'prload-docker-'));
    try {
      const docker = join(dir, 'docker');
      await writeFile(
        docker,
        '#!/bin/sh\n[ "$1 $2 $3" = "info --format {{.ServerVersion}} {{.CgroupVersion}}" ] && echo "27.5.1 1"\n',
      );
      await chmod(docker, 0o755);
      const found = await checkPrerequisites({
        provider: 'kind',
        executor: createExecutor(),
        env: { PATH: dir },
        requirements: ['docker'],
      });
      expect(found).toEqual({ docker: '27.5.1', dockerCgroupVersion: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports docker missing altogether', async () => {
    const executor = {
      async run(file: string) {
        const { CommandNotFoundError } = await import('../../src/exec-errors.js');
        throw new CommandNotFoundError(file);
      },
    };
    const problems = await problemsOf(checkPrerequisites({ provider: 'kind', executor, requirements: ['docker'] }));
    expect(problems).toEqual(['docker not found on PATH — install Docker (kind runs its nodes as containers)']);
  });

  it('needs nothing for the local provider', async () => {
    const executor = createRecordingExecutor();
    expect(await checkPrerequisites({ provider: 'local', executor })).toEqual({});
    expect(executor.calls).toHaveLength(0);
  });
});

describe('checkPort', () => {
  it('tells a port someone listens on from a free one', async () => {
    listening = await listenOnFreePort();
    expect(await checkPort((listening.address() as { port: number }).port)).toBe('in-use');
    expect(await checkPort(freePorts.http)).toBe('free');
  });
});
