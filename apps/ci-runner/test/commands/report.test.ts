import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';

async function aRun(): Promise<string> {
  const out = join(await tempDir(), 'run');
  const run = await runCli([
    'run',
    '--provider',
    'local',
    '--duration',
    '1s',
    '--rate',
    '20',
    '--max-send-lag',
    '1s',
    '--format',
    'json',
    '--out',
    out,
  ]);
  expect(run.exitCode).toBe(0);
  return join(out, 'prload-report.json');
}

test('prload report renders a result JSON offline, in every format, with a baseline', async () => {
  const results = await aRun();
  const out = join(await tempDir(), 'rendered');
  const run = await runCli([
    'report',
    '--in',
    results,
    '--baseline',
    results,
    '--format',
    'md,html,junit,json',
    '--out',
    out,
  ]);
  expect(run.exitCode).toBe(0);
  const markdown = await readFile(join(out, 'prload-report.md'), 'utf8');
  expect(markdown).toMatch(/foo\.localhost/);
  expect(markdown).toMatch(/baseline/i);
  await expect(readFile(join(out, 'prload-report.xml'), 'utf8')).resolves.toMatch(/<testsuite/);
  await expect(readFile(join(out, 'prload-report.html'), 'utf8')).resolves.toMatch(/<html/i);
  expect(JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8')).schemaVersion).toBe(1);
});

test.each([
  [['report'], /^prload: --in: required/],
  [
    ['report', '--in', 'x.json', '--format', 'pdf'],
    /^prload: --format: must be a comma-separated list of md, html, junit, json, got "pdf"$/,
  ],
])('%j is bad input', async (args, line) => {
  const run = await runCli(args);
  expect(run.exitCode).toBe(2);
  expect(run.stderr.trim()).toMatch(line);
});

test("prload report --threshold gates on the baseline comparison, checked like a run's thresholds", async () => {
  const results = await aRun();
  const out = join(await tempDir(), 'rendered');
  const report = (...thresholds: string[]) =>
    runCli([
      'report',
      '--in',
      results,
      '--baseline',
      results,
      ...thresholds.flatMap((t) => ['--threshold', t]),
      '--format',
      'json',
      '--out',
      out,
    ]);
  const gated = await report('p95 regression > 10%', 'foo.localhost:p99 regression > 50%');
  expect(gated.exitCode).toBe(0);
  const json = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(json.regressions.thresholds.map((t: { expression: string }) => t.expression)).toEqual([
    'p95 regression > 10%',
    'foo.localhost:p99 regression > 50%',
  ]);

  const bad = await report('p95<200ms', 'nope.localhost:p95 regression > 10%', 'p95 regresion > 10%');
  expect(bad.exitCode).toBe(2);
  const lines = bad.stderr.trim().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(
    /^prload: --threshold: threshold "p95<200ms": prload report gates on a baseline comparison only/,
  );
  expect(lines[1]).toMatch(
    /^prload: --threshold: threshold "nope\.localhost:p95 regression > 10%": no load target has host "nope\.localhost"/,
  );
  expect(lines[2]).toMatch(/^prload: --threshold: threshold "p95 regresion > 10%"/);

  const alone = await runCli(['report', '--in', results, '--threshold', 'p95 regression > 10%', '--out', out]);
  expect(alone.exitCode).toBe(2);
  expect(alone.stderr.trim()).toBe('prload: --threshold: needs --baseline, the run to compare with');
});

test('a file that is not a prload result is bad input, in one line', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'x.json'), '{"hello": 1}');
  const run = await runCli(['report', '--in', join(dir, 'x.json')]);
  expect(run.exitCode).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
});

test('report publish without a token says how to give one', async () => {
  const run = await runCli(['report', 'publish']);
  expect(run.exitCode).toBe(2);
  expect(run.stderr.trim()).toBe(
    'prload: GITHUB_TOKEN: required to publish; pass the workflow token as env GITHUB_TOKEN (never as a flag)',
  );
});
