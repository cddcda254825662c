import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { childCommands } from '../helpers/child-processes.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

interface HostStatsJson {
  requests: number;
  errors: number;
  rate: number;
  latency: Record<'p50' | 'p90' | 'p95' | 'p99' | 'max', number>;
}

// The load generator's self-check is loose here: tests share the CPU with other test files.
const LOOSE = ['--max-send-lag', '1s'];

test('prload run --provider local runs every stage and writes the results', async () => {
  const out = join(await tempDir(), 'results');
  const run = await runCli([
    'run',
    '--provider',
    'local',
    '--duration',
    '2s',
    '--rate',
    '40',
    '--seed',
    '7',
    '--out',
    out,
    ...LOOSE,
  ]);
  expect(run.stderr).toContain('seed 7 (repeat this host mix with --seed 7)');
  for (const stage of ['cluster', 'deploy', 'probe', 'load', 'cleanup']) {
    expect(run.stderr).toMatch(new RegExp(`▶ ${stage}: .*\\n(.*\\n)*✔ ${stage} \\(\\d`));
  }
  expect(run.exitCode).toBe(0);

  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.schemaVersion).toBe(1);
  expect(report.verdict).toBe('passed');
  expect(report.seed).toBe(7);
  const hosts = report.hosts as Record<string, HostStatsJson>;
  expect(Object.keys(hosts).sort()).toEqual(['bar.localhost', 'foo.localhost']);
  for (const stats of Object.values(hosts)) {
    expect(stats.requests).toBeGreaterThan(10);
    // Every answer had the right body: misrouting would count as an error.
    expect(stats.errors).toBe(0);
  }
  expect(report.summary.requests).toBe(hosts['foo.localhost']!.requests + hosts['bar.localhost']!.requests);
  expect(report.summary.rate).toBeGreaterThan(30);
  for (const key of ['p50', 'p90', 'p95', 'p99', 'max'] as const)
    expect(report.summary.latency[key]).toBeGreaterThan(0);
  await expect(readFile(join(out, 'prload-report.md'), 'utf8')).resolves.toContain('foo.localhost');

  // The short summary table went to stdout.
  expect(run.stdout).toMatch(/foo\.localhost/);
  expect(run.stdout).toMatch(/bar\.localhost/);
  // Everything the run started, it stopped.
  expect(childCommands().filter((args) => args.includes('replica-process'))).toEqual([]);
});

test('the same seed gives the same host mix', async () => {
  const mix = async () => {
    const out = join(await tempDir(), 'results');
    await runCli([
      'run',
      '--provider',
      'local',
      '--duration',
      '1s',
      '--rate',
      '30',
      '--seed',
      '42',
      '--out',
      out,
      ...LOOSE,
    ]);
    const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
    return [report.hosts['foo.localhost'].requests, report.hosts['bar.localhost'].requests];
  };
  const first = await mix();
  expect(first[0] + first[1]).toBeGreaterThan(20);
  expect(await mix()).toEqual(first);
});

test('an interrupted run cleans up and still writes what it gathered', async () => {
  const out = join(await tempDir(), 'results');
  const controller = new AbortController();
  const run = await runCli(
    ['run', '--provider', 'local', '--duration', '60s', '--warmup', '0s', '--rate', '40', '--out', out, ...LOOSE],
    {
      signal: controller.signal,
      // Ctrl-C once the first progress line shows load is flowing.
      onStderr: (line) => {
        if (line.startsWith('  load: ')) controller.abort(new Error('interrupted by SIGINT'));
      },
    },
  );
  expect(run.exitCode).toBe(130);
  expect(run.stderr).toMatch(/✔ cleanup/);
  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.aborted).toBe(true);
  // Partial figures are no pass: every format says the run was interrupted.
  expect(report.verdict).toBe('interrupted');
  expect(report.interrupted).toBe(true);
  expect(report.summary.requests).toBeGreaterThan(0);
  expect(run.stdout).toMatch(/^prload: INTERRUPTED/m);
  await expect(readFile(join(out, 'prload-report.md'), 'utf8')).resolves.toMatch(/⏹️ prload: interrupted/);
  await expect(readFile(join(out, 'prload-report.xml'), 'utf8')).resolves.toContain('type="interrupted"');
  await expect(readFile(join(out, 'prload-report.html'), 'utf8')).resolves.toContain(
    'The run was stopped before it finished',
  );
  expect(childCommands().filter((args) => args.includes('replica-process'))).toEqual([]);
});

test('a breached threshold exits 3 and says which', async () => {
  const out = join(await tempDir(), 'results');
  const run = await runCli([
    'run',
    '--provider',
    'local',
    '--duration',
    '1s',
    '--rate',
    '20',
    '--threshold',
    'p99<1us',
    '--out',
    out,
    ...LOOSE,
  ]);
  expect(run.exitCode).toBe(3);
  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.verdict).toBe('thresholds-breached');
  expect(report.thresholds).toEqual([expect.objectContaining({ expression: 'p99<1us', passed: false })]);
});

test("prload run --provider local reports each app's and the router's CPU and memory, and gates on them", async () => {
  const out = join(await tempDir(), 'results');
  const run = await runCli([
    'run',
    '--provider',
    'local',
    '--duration',
    '2s',
    '--rate',
    '40',
    '--resources-interval',
    '250ms',
    '--threshold',
    'restarts==0',
    '--threshold',
    'foo:memory_max<1Mi',
    '--out',
    out,
    ...LOOSE,
  ]);
  expect(run.stderr).toMatch(/sampling process resource usage of foo, bar, ingress every 250ms/);
  // Each replica is a Node.js process: far more than 1 MiB resident, so that threshold is breached.
  expect(run.exitCode).toBe(3);

  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.verdict).toBe('thresholds-breached');
  const { resources } = report;
  expect(resources.source).toBe('process');
  expect(resources.intervalMs).toBe(250);
  expect(resources.workloads.map((w: { name: string; role: string }) => `${w.name}:${w.role}`)).toEqual([
    'foo:app',
    'bar:app',
    'ingress:ingress',
  ]);
  for (const workload of resources.workloads) {
    expect(workload.pods.length, workload.name).toBeGreaterThanOrEqual(1);
    expect(workload.summary.cpuSeconds, workload.name).toBeGreaterThan(0);
    expect(workload.summary.memoryMaxMiB, workload.name).toBeGreaterThan(10);
    expect(workload.requestsServed, workload.name).toBeGreaterThan(0);
  }
  // The router carries every request.
  expect(resources.workloads[2].requestsServed).toBe(report.summary.requests);
  expect(resources.generator.cpuMeanMillicores).toBeGreaterThan(0);
  expect(report.thresholds.map((t: { expression: string; passed: boolean }) => [t.expression, t.passed])).toEqual([
    ['restarts==0', true],
    ['foo:memory_max<1Mi', false],
  ]);
  const markdown = await readFile(join(out, 'prload-report.md'), 'utf8');
  expect(markdown).toMatch(/Resource usage/);
  const html = await readFile(join(out, 'prload-report.html'), 'utf8');
  expect(html).toMatch(/Resource usage/);
});

test('a resource threshold without resource sampling is bad input, refused before anything starts', async () => {
  const run = await runCli(['run', '--provider', 'local', '--no-resources', '--threshold', 'foo:cpu_max<100m']);
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain(
    '--threshold: threshold "foo:cpu_max<100m": resource usage is not sampled (load.resources.enabled: false / --no-resources)',
  );
  expect(childCommands().filter((args) => args.includes('replica-process'))).toEqual([]);
});

test('a resource threshold naming no app or ingress is bad input, with the workloads it could name', async () => {
  const run = await runCli(['run', '--provider', 'local', '--threshold', 'baz:cpu_max<100m']);
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain(
    '--threshold: threshold "baz:cpu_max<100m": no app or ingress is named "baz" (workloads: foo, bar, ingress)',
  );
});

test('load.targets[] carry their own expected body: one that does not match its app counts every answer as a mismatch', async () => {
  const dir = await tempDir();
  const out = join(dir, 'results');
  const config = join(dir, 'prload.config.yaml');
  await writeFile(
    config,
    [
      'load:',
      '  targets:',
      '    - { host: foo.localhost, expectBody: "bar\\n" }',
      '    - { host: bar.localhost, expectStatus: 200 }',
    ].join('\n'),
  );
  const run = await runCli([
    'run',
    '--provider',
    'local',
    '--config',
    config,
    '--duration',
    '1s',
    '--rate',
    '40',
    '--out',
    out,
    ...LOOSE,
  ]);
  expect(run.exitCode, run.stderr).toBe(0);
  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.hosts['foo.localhost'].errorKinds['body-mismatch']).toBe(report.hosts['foo.localhost'].requests);
  // bar keeps its app's body as the default expectation.
  expect(report.hosts['bar.localhost'].errors).toBe(0);
});
