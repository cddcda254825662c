import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { nodeContainers } from './support/docker.js';
import { offlineKindEnv, startPrload } from './support/run-prload.js';

const CLUSTER = 'prload-e2e-broken';
const READY_TIMEOUT_S = 90;

it('an app whose container exits: prload fails within its deadline, names the failing pods and their events, deletes the cluster', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'prload-kind-broken-'));
  const out = join(dir, 'results');
  // bar runs an image whose entrypoint prints its version and exits, so its pods restart until they back off.
  const config = join(dir, 'prload.config.yaml');
  await writeFile(
    config,
    [
      'apps:',
      '  - { name: foo, text: foo, host: foo.localhost }',
      `  - { name: bar, text: bar, host: bar.localhost, image: "${process.env['PRLOAD_BROKEN_APP_IMAGE']}" }`,
      '',
    ].join('\n'),
  );
  const run = startPrload(
    [
      'run',
      '--provider',
      'kind',
      '--config',
      config,
      '--cluster-name',
      CLUSTER,
      '--ready-timeout',
      `${READY_TIMEOUT_S}s`,
      '--out',
      out,
    ],
    offlineKindEnv(),
  );
  // The deadline starts once the apps are deployed; the cluster takes its own time before that.
  const deployed = await run.waitForLine(/^✔ deploy/);
  expect(deployed).toBeDefined();
  const deployedAt = Date.now();
  const { code, output } = await run.exited;
  const afterDeploy = (Date.now() - deployedAt) / 1000;

  expect(code, output).toBe(1);
  expect(afterDeploy, 'failed after its readiness deadline, not much later').toBeLessThan(READY_TIMEOUT_S + 60);
  expect(output).toMatch(/prload: ready: .*bar/);
  // The diagnostics name bar's pods, why they are not ready, and their events.
  expect(output).toMatch(/bar-[a-z0-9]+-[a-z0-9]+/);
  expect(output).toMatch(/CrashLoopBackOff|Back-off restarting failed container/);
  expect(output).not.toMatch(/foo-[a-z0-9]+-[a-z0-9]+.*CrashLoopBackOff/);
  expect(output).toMatch(/✔ cleanup/);

  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.verdict).toBe('infrastructure-failure');
  expect(report.failure.stage).toBe('ready');
  expect(report.failure.diagnostics).toMatch(/bar-/);
  expect(await nodeContainers(CLUSTER)).toEqual([]);
});
