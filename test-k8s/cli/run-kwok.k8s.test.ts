import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../apps/ci-runner/dist/bin/prload.js', import.meta.url));

it('prload run --provider kwok deploys with helm, waits for real rollouts, stops there and cleans up', async () => {
  const out = await mkdtemp(join(tmpdir(), 'prload-kwok-run-'));
  const name = `prload-cli-${process.pid}`;
  const run = spawn(process.execPath, [BIN, 'run', '--provider', 'kwok', '--cluster-name', name, '--out', out], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // The harness sets PRLOAD_KUBECTL and PRLOAD_HELM to the kubectl layer's binaries.
    env: process.env,
  });
  let stderr = '';
  run.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = await once(run, 'exit');
  expect(stderr).toMatch(/✔ deploy/);
  expect(stderr).toMatch(/foo rolled out after/);
  expect(stderr).toMatch(/kwok: pods are simulated and carry no traffic; stopping after readiness\./);
  expect(stderr).toMatch(/✔ cleanup/);
  expect(code, stderr).toBe(0);

  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.verdict).toBe('passed');
  expect(report.noLoadReason).toBe('kwok pods are simulated and carry no traffic');
  expect(report.stages.map((s: { name: string }) => s.name)).toEqual(['cluster', 'deploy', 'ready', 'cleanup']);
  expect(report.run.versions.kubernetes).toMatch(/^v1\.\d+\.\d+$/);
  // Nothing of that cluster is left running.
  const left = spawnSync('pgrep', ['-a', '-f', name], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((l) => l && !l.includes('pgrep'));
  expect(left).toEqual([]);
});
