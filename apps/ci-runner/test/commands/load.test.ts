import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEchoServer, startHostRouter } from '@prload/cluster/testing';
import { afterEach, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';

const closables: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closables.splice(0).map((c) => c.close()));
});

test('prload load drives only the load stage against any server and writes the same results', async () => {
  const router = await startHostRouter();
  const foo = await startEchoServer({ text: 'foo' });
  const bar = await startEchoServer({ text: 'bar' });
  closables.push(router, foo, bar);
  router.setRoute('foo.localhost', [foo.url]);
  router.setRoute('bar.localhost', [bar.url]);

  const out = join(await tempDir(), 'out');
  const run = await runCli([
    'load',
    '--target',
    router.url,
    '--host',
    'foo.localhost',
    '--host',
    'bar.localhost=3',
    '--rate',
    '80',
    '--duration',
    '1s',
    '--seed',
    '5',
    '--max-send-lag',
    '1s',
    '--out',
    out,
  ]);
  expect(run.stderr).toContain('seed 5');
  expect(run.exitCode).toBe(0);
  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  const foos = report.hosts['foo.localhost'].requests;
  const bars = report.hosts['bar.localhost'].requests;
  expect(foos + bars).toBe(report.summary.requests);
  // Weighted 1:3.
  expect(bars).toBeGreaterThan(foos);
  expect(report.summary.errors).toBe(0);
  await expect(readFile(join(out, 'prload-report.md'), 'utf8')).resolves.toMatch(/bar\.localhost/);
});

test('--expect-body turns a wrong answer into an error', async () => {
  const foo = await startEchoServer({ text: 'foo' });
  closables.push(foo);
  const out = join(await tempDir(), 'out');
  const run = await runCli([
    'load',
    '--target',
    foo.url,
    '--host',
    'foo.localhost',
    '--expect-body',
    'bar\n',
    '--rate',
    '20',
    '--duration',
    '1s',
    '--max-send-lag',
    '1s',
    '--threshold',
    'error_rate<1%',
    '--out',
    out,
  ]);
  expect(run.exitCode).toBe(3);
  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.summary.errors).toBe(report.summary.requests);
  expect(report.summary.errorKinds['body-mismatch']).toBe(report.summary.requests);
});

test.each([
  [['--host', 'foo bar'], 'prload: --host: must be a host name like foo.localhost, got "foo bar"'],
  [['--host', 'foo.localhost', '--engine', 'curl'], 'prload: --engine: must be one of undici, socket, got "curl"'],
  [
    ['--host', 'foo.localhost=-1'],
    'prload: --host: the weight after = must be a positive number, got "foo.localhost=-1"',
  ],
])('bad %j is bad input', async (args, line) => {
  const run = await runCli(['load', '--target', 'http://127.0.0.1:1', ...args]);
  expect(run.exitCode).toBe(2);
  expect(run.stderr.trim()).toBe(line);
});

test('--target is required', async () => {
  const run = await runCli(['load', '--host', 'foo.localhost']);
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toMatch(/required option '--target <url>' not specified/);
});

test('--threads shards the schedule over worker threads and merges their results exactly', async () => {
  const foo = await startEchoServer({ text: 'foo' });
  closables.push(foo);
  const out = join(await tempDir(), 'out');
  const run = await runCli([
    'load',
    '--target',
    foo.url,
    '--host',
    'foo.localhost',
    '--rate',
    '100',
    '--duration',
    '1s',
    '--threads',
    '2',
    '--connections',
    '4',
    '--max-send-lag',
    '1s',
    '--out',
    out,
  ]);
  expect(run.exitCode).toBe(0);
  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  // One global schedule: 100 req/s for 1 s is 100 requests, whichever thread sent each.
  expect(report.summary.requests).toBe(100);
  expect(report.summary.errors).toBe(0);
});

test('the socket engine is the default: it drives the closed model, in worker threads too', async () => {
  const foo = await startEchoServer({ text: 'foo' });
  closables.push(foo);
  const out = join(await tempDir(), 'out');
  const run = await runCli([
    'load',
    '--target',
    foo.url,
    '--host',
    'foo.localhost',
    '--expect-body',
    'foo\n',
    '--model',
    'closed',
    '--connections',
    '4',
    '--threads',
    '2',
    '--duration',
    '1s',
    '--out',
    out,
  ]);
  expect(run.exitCode).toBe(0);
  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.settings.engine).toBe('socket');
  expect(report.summary.requests).toBeGreaterThan(100);
  expect(report.summary.errors).toBe(0);
  await expect(readFile(join(out, 'prload-report.md'), 'utf8')).resolves.toContain('socket engine');
});

test('--engine undici still selects undici', async () => {
  const foo = await startEchoServer({ text: 'foo' });
  closables.push(foo);
  const out = join(await tempDir(), 'out');
  const run = await runCli([
    'load',
    '--target',
    foo.url,
    '--host',
    'foo.localhost',
    '--expect-body',
    'foo\n',
    '--engine',
    'undici',
    '--rate',
    '50',
    '--duration',
    '1s',
    '--max-send-lag',
    '1s',
    '--out',
    out,
  ]);
  expect(run.exitCode).toBe(0);
  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.settings.engine).toBe('undici');
  expect(report.summary.requests).toBe(50);
  expect(report.summary.errors).toBe(0);
  await expect(readFile(join(out, 'prload-report.md'), 'utf8')).resolves.toContain('undici engine');
});

test("each --host has its own expected body: a router that swaps the apps' answers is caught on every request", async () => {
  const router = await startHostRouter();
  const foo = await startEchoServer({ text: 'foo' });
  const bar = await startEchoServer({ text: 'bar' });
  closables.push(router, foo, bar);
  // Misrouted on purpose: each host reaches the other app.
  router.setRoute('foo.localhost', [bar.url]);
  router.setRoute('bar.localhost', [foo.url]);

  const out = join(await tempDir(), 'out');
  const run = await runCli([
    'load',
    '--target',
    router.url,
    '--host',
    'foo.localhost,body=foo\n',
    '--host',
    'bar.localhost=2,status=200,body=bar\n',
    '--rate',
    '60',
    '--duration',
    '1s',
    '--max-send-lag',
    '1s',
    '--out',
    out,
  ]);
  expect(run.exitCode, run.stderr).toBe(0);
  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  for (const host of ['foo.localhost', 'bar.localhost']) {
    const stats = report.hosts[host];
    expect(stats.requests, host).toBeGreaterThan(5);
    expect(stats.errorKinds['body-mismatch'], host).toBe(stats.requests);
  }
  expect(report.settings.targets.map((t: { host: string; expectBody: string }) => [t.host, t.expectBody])).toEqual([
    ['foo.localhost', 'foo\n'],
    ['bar.localhost', 'bar\n'],
  ]);
});

test('a --host option that is not status= or body= is bad input, naming it', async () => {
  const run = await runCli(['load', '--target', 'http://127.0.0.1:9', '--host', 'foo.localhost,code=200']);
  expect(run.exitCode).toBe(2);
  expect(run.stderr.trim()).toBe(
    'prload: --host: unknown option "code" in "foo.localhost,code=200"; use status=CODE or body=TEXT',
  );
  const status = await runCli(['load', '--target', 'http://127.0.0.1:9', '--host', 'foo.localhost,status=99']);
  expect(status.stderr.trim()).toBe(
    'prload: --host: status= must be an HTTP status code 100-599, got "foo.localhost,status=99"',
  );
});

test('prload load offers no resource-sampling flags: it measures no workloads', async () => {
  const help = await runCli(['load', '--help']);
  expect(help.stdout).not.toMatch(/--resources-interval|--no-resources/);
  const run = await runCli([
    'load',
    '--target',
    'http://127.0.0.1:9',
    '--host',
    'a.localhost',
    '--resources-interval',
    '1s',
  ]);
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toMatch(/unknown option '--resources-interval'/);
});
