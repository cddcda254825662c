import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { nodeContainers } from './support/docker.js';
import { offlineKindEnv, startPrload } from './support/run-prload.js';

const CLUSTER = 'prload-e2e-sigint';

it('SIGINT during load: partial results written, exit 130, cluster deleted', async () => {
  const out = join(await mkdtemp(join(tmpdir(), 'prload-kind-sigint-')), 'results');
  const run = startPrload(
    ['run', '--provider', 'kind', '--cluster-name', CLUSTER, '--duration', '120s', '--rate', '50', '--out', out],
    offlineKindEnv(),
  );
  // Progress lines count from the start of the warm-up (1 s): the one at 2 s or later is inside the measured load.
  await run.waitForLine(/^ {2}load: (?:[2-9]|\d{2,})s\/120s {2}[1-9]\d* requests/);
  const interruptedAt = Date.now();
  run.child.kill('SIGINT');
  const { code, output } = await run.exited;

  expect(code, output).toBe(130);
  expect((Date.now() - interruptedAt) / 1000, 'stopped and cleaned up promptly').toBeLessThan(90);
  expect(output).toMatch(/✔ cleanup/);
  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.aborted).toBe(true);
  expect(report.verdict).toBe('interrupted');
  expect(report.summary.requests).toBeGreaterThan(0);
  expect(report.measuredMs).toBeLessThan(120_000);
  expect(await nodeContainers(CLUSTER)).toEqual([]);
});
