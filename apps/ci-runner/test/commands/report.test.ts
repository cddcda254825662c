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
