import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExecutor } from '../../src/exec.js';
import { downloadVerified } from '../../src/tools/download-verified.js';
import { ToolChecksumError, ToolDownloadError, ToolNotFoundError } from '../../src/tools/errors.js';
import { resolveTool } from '../../src/tools/resolve-tool.js';
import type { ToolPins } from '../../src/tools/tool-pins.js';
import { type FileServer, startFileServer } from '../helpers/file-server.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const KIND_BINARY = Buffer.from('#!/bin/sh\necho kind v0.30.0 go1.24.6 linux/amd64\n');
const WRONG_BINARY = Buffer.from('#!/bin/sh\necho tampered\n');

let dir: string;
let server: FileServer;
let helmTarball: Buffer;
let dispatcher: Agent;

/** A real helm-shaped tarball (`linux-amd64/helm`), made with the same tar that install-tool runs. */
async function makeTarball(): Promise<Buffer> {
  const src = join(dir, 'tar-src');
  await mkdir(join(src, 'linux-amd64'), { recursive: true });
  await writeFile(join(src, 'linux-amd64', 'helm'), '#!/bin/sh\necho v4.1.4+g05fa379\n');
  const result = await createExecutor().run('tar', ['-czf', join(dir, 'helm.tar.gz'), '-C', src, 'linux-amd64']);
  expect(result.exitCode).toBe(0);
  return readFile(join(dir, 'helm.tar.gz'));
}

function pins(base: string): ToolPins {
  return {
    kind: { version: 'v0.30.0', assets: { 'linux-amd64': { url: `${base}/kind`, sha256: sha256(KIND_BINARY) } } },
    helm: {
      version: 'v4.1.4',
      assets: {
        'linux-amd64': { url: `${base}/helm.tar.gz`, sha256: sha256(helmTarball), archivePath: 'linux-amd64/helm' },
      },
    },
    // The server answers with WRONG_BINARY, whose sum is not this one.
    kubectl: { version: 'v1.35.1', assets: { 'linux-amd64': { url: `${base}/kubectl`, sha256: sha256(KIND_BINARY) } } },
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prload-resolve-'));
  helmTarball = await makeTarball();
  server = await startFileServer({
    '/kind': KIND_BINARY,
    '/helm.tar.gz': helmTarball,
    '/kubectl': WRONG_BINARY,
    '/moved': { redirect: '/kind' },
  });
  dispatcher = new Agent();
});
afterEach(async () => {
  await dispatcher.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function options(extra: object = {}) {
  return {
    env: { PATH: join(dir, 'empty-path') },
    cacheDir: join(dir, 'cache'),
    pins: pins(server.url),
    platform: 'linux-amd64' as const,
    dispatcher,
    ...extra,
  };
}

describe('resolveTool', () => {
  it('downloads, verifies and caches a pinned binary under <cache>/<tool>-<version>/', async () => {
    const resolved = await resolveTool('kind', options());
    expect(resolved).toEqual({ name: 'kind', path: join(dir, 'cache', 'kind-v0.30.0', 'kind'), source: 'download' });
    expect(await readFile(resolved.path)).toEqual(KIND_BINARY);
    const run = await createExecutor().run(resolved.path, ['version']);
    expect(run.stdout).toBe('kind v0.30.0 go1.24.6 linux/amd64\n');
    // The next run finds the verified copy without downloading again.
    expect(await resolveTool('kind', options())).toMatchObject({ source: 'cache', path: resolved.path });
    expect(server.requests).toEqual(['/kind']);
  });

  it('extracts the binary from a verified .tar.gz', async () => {
    const resolved = await resolveTool('helm', options());
    expect(resolved.path).toBe(join(dir, 'cache', 'helm-v4.1.4', 'helm'));
    expect((await createExecutor().run(resolved.path, ['version', '--short'])).stdout).toBe('v4.1.4+g05fa379\n');
    expect(await readdir(join(dir, 'cache', 'helm-v4.1.4'))).toEqual(['helm']);
  });

  it('deletes a download whose SHA-256 does not match and says both sums', async () => {
    const error = await resolveTool('kubectl', options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolChecksumError);
    const checksum = error as ToolChecksumError;
    expect(checksum.code).toBe('CLUSTER_TOOL_CHECKSUM');
    expect(checksum.expected).toBe(sha256(KIND_BINARY));
    expect(checksum.actual).toBe(sha256(WRONG_BINARY));
    expect(checksum.message).toContain(`expected ${sha256(KIND_BINARY)}, got ${sha256(WRONG_BINARY)}`);
    // Nothing is left that a later run could pick up as verified.
    expect(await readdir(join(dir, 'cache', 'kubectl-v1.35.1'))).toEqual([]);
  });

  it('prefers PRLOAD_<TOOL>, then PATH, over any download', async () => {
    const bin = join(dir, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'kind'), KIND_BINARY);
    await chmod(join(bin, 'kind'), 0o755);
    expect(await resolveTool('kind', options({ env: { PATH: `/nope:${bin}` } }))).toEqual({
      name: 'kind',
      path: join(bin, 'kind'),
      source: 'path',
    });
    expect(await resolveTool('kind', options({ env: { PATH: bin, PRLOAD_KIND: join(bin, 'kind') } }))).toMatchObject({
      source: 'env',
    });
    expect(server.requests).toEqual([]);
  });

  it('rejects a PRLOAD_<TOOL> that is not an executable file', async () => {
    await writeFile(join(dir, 'not-exec'), 'x');
    await expect(resolveTool('helm', options({ env: { PRLOAD_HELM: join(dir, 'not-exec') } }))).rejects.toThrow(
      `PRLOAD_HELM=${join(dir, 'not-exec')} is not an executable file — fix the path or unset PRLOAD_HELM`,
    );
  });

  it('says how to install a tool when downloads are off', async () => {
    await expect(resolveTool('kind', options({ download: false }))).rejects.toThrow(
      new ToolNotFoundError('kind not found on PATH — install kind >=0.27 or set PRLOAD_KIND'),
    );
  });
});

describe('downloadVerified', () => {
  it('follows redirects (release assets live behind one)', async () => {
    const destination = join(dir, 'kind');
    await downloadVerified({ url: `${server.url}/moved`, sha256: sha256(KIND_BINARY), destination, dispatcher });
    expect(await readFile(destination)).toEqual(KIND_BINARY);
    expect(server.requests).toEqual(['/moved', '/kind']);
  });

  it('reports an HTTP error status and leaves no file', async () => {
    const destination = join(dir, 'x');
    const error = await downloadVerified({
      url: `${server.url}/missing`,
      sha256: '0'.repeat(64),
      destination,
      dispatcher,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolDownloadError);
    expect((error as Error).message).toBe(`${server.url}/missing: HTTP 404 — check the URL in the tool pins`);
    await expect(stat(destination)).rejects.toThrow(/ENOENT/);
  });

  it('stops when aborted', async () => {
    const reason = new Error('cancelled');
    await expect(
      downloadVerified({
        url: `${server.url}/kind`,
        sha256: sha256(KIND_BINARY),
        destination: join(dir, 'y'),
        dispatcher,
        signal: AbortSignal.abort(reason),
      }),
    ).rejects.toBe(reason);
  });
});
