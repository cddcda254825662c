import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { kubectlJson } from './support/docker.js';
import { prloadImage } from './support/prload-image.js';
import { offlineKindEnv, startPrload } from './support/run-prload.js';

const OUT = fileURLToPath(new URL('../test-results/kind-e2e/distributed/', import.meta.url));
const CLUSTER = 'prload-e2e-dist';

interface JobList {
  items: { metadata: { name: string }; spec: { completionMode: string; parallelism: number; completions: number } }[];
}
interface ShardRow {
  index: number;
  node?: string;
  requests: number;
  errors: number;
  valid: boolean;
}

it('prload run --provider kind --shards 2: the load generator as two pods of an Indexed Job on the two workers, through the ingress Service, merged exactly', async () => {
  await rm(OUT, { recursive: true, force: true });
  const image = prloadImage();
  const env = offlineKindEnv();
  const run = startPrload(
    [
      'run',
      ...['--provider', 'kind', '--cluster-name', CLUSTER],
      ...['--shards', '2', '--shard-image', image],
      ...['--duration', '15s', '--rate', '100', '--seed', '7'],
      // Two shards and a three-node cluster on this VM's two cores (see the run case for the measured lag).
      ...['--max-send-lag', '50ms'],
      ...['--out', OUT],
    ],
    // The shards' image is loaded into the nodes with the others: no node can pull it.
    { ...env, PRLOAD_PRELOAD_IMAGES: `${env['PRLOAD_PRELOAD_IMAGES']},${image}` },
  );

  // While the shards run: one Indexed Job, its two pods Running on the two workers.
  await run.waitForLine(/shards send to http:\/\/traefik\.traefik\.svc:80/);
  const job = await waitFor(async () => {
    const jobs = await kubectlJson<JobList>(CLUSTER, ['get', 'jobs', '--namespace', 'prload']);
    return jobs.items.find((j) => j.metadata.name.startsWith('prload-load-'));
  });
  expect(job.spec).toMatchObject({ completionMode: 'Indexed', parallelism: 2, completions: 2 });

  const { code, output } = await run.exited;
  expect(code, output).toBe(0);
  expect(output).toMatch(/✔ cleanup/);

  const report = JSON.parse(await readFile(`${OUT}prload-report.json`, 'utf8'));
  expect(report.verdict, report.invalidReason).toBe('passed');
  expect(report.valid).toBe(true);
  const shards = report.shards as ShardRow[];
  expect(shards.map((s) => s.index)).toEqual([0, 1]);
  // One shard per worker (the control-plane is tainted; the Job spreads its pods one per node).
  expect(new Set(shards.map((s) => s.node))).toEqual(new Set([`${CLUSTER}-worker`, `${CLUSTER}-worker2`]));
  for (const shard of shards) {
    expect(shard.requests, `shard ${shard.index}`).toBeGreaterThan(0);
    expect(shard.errors, `shard ${shard.index}`).toBe(0);
    expect(shard.valid, `shard ${shard.index}`).toBe(true);
  }
  expect(report.summary.requests).toBe(shards[0]!.requests + shards[1]!.requests);
  // 100/s for 15 s from one seeded schedule, split between the shards.
  expect(report.summary.requests).toBe(1500);
  expect(report.summary.errors).toBe(0);
  // Through the ingress by Host header: each host answered its own body, none misrouted.
  expect(Object.keys(report.hosts).sort()).toEqual(['bar.localhost', 'foo.localhost']);
  expect(report.summary.errorKinds['body-mismatch'] ?? 0).toBe(0);
  expect(await readFile(`${OUT}prload-report.md`, 'utf8')).toMatch(/Shards/);
});

/** Polls `check` with backoff until it returns a value, for at most 60 s. */
async function waitFor<T>(check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  let delay = 100;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('no Job prload-load-* in namespace prload within 60 s');
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 2_000);
  }
}
