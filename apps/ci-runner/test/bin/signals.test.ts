import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { tempDir } from '../helpers/run-cli.js';

const BIN = fileURLToPath(new URL('../../dist/bin/prload.js', import.meta.url));

function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls with backoff until no pid is alive, or gives up at the deadline. */
async function waitUntilGone(pids: readonly number[], deadlineMs = 10_000): Promise<number[]> {
  const deadline = Date.now() + deadlineMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 500)) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await delay(wait);
  }
}

/** Starts `prload run --provider local` and resolves once load is flowing, with the pids of its children. */
async function startRun(out: string): Promise<{ cli: ChildProcess; children: number[]; stderr: () => string }> {
  const cli = spawn(
    process.execPath,
    [
      BIN,
      'run',
      '--provider',
      'local',
      '--duration',
      '60s',
      '--warmup',
      '0s',
      '--rate',
      '40',
      '--max-send-lag',
      '1s',
      '--out',
      out,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  cli.stderr!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    cli.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.includes('  load: ')) resolve();
    });
    cli.once('exit', (code) => reject(new Error(`prload exited with ${code} before load started:\n${stderr}`)));
  });
  return { cli, children: childPids(cli.pid!), stderr: () => stderr };
}

test('SIGINT stops the run: cleanup, partial results, exit 130, no stray processes', async () => {
  const out = join(await tempDir(), 'results');
  const { cli, children, stderr } = await startRun(out);
  expect(children.length).toBe(5); // router + 2 replicas of each app
  const exited = once(cli, 'exit');
  cli.kill('SIGINT');
  const [code] = await exited;
  expect(code).toBe(130);
  expect(stderr()).toMatch(/SIGINT received, cleaning up/);
  expect(stderr()).toMatch(/✔ cleanup/);
  expect(children.filter(isAlive)).toEqual([]);
  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.aborted).toBe(true);
  expect(report.verdict).toBe('interrupted');
  expect(report.summary.requests).toBeGreaterThan(0);
});

test('SIGTERM does the same', async () => {
  const out = join(await tempDir(), 'results');
  const { cli, children } = await startRun(out);
  const exited = once(cli, 'exit');
  cli.kill('SIGTERM');
  expect((await exited)[0]).toBe(130);
  expect(children.filter(isAlive)).toEqual([]);
});

test('even when prload is killed outright, its processes do not outlive it', async () => {
  const out = join(await tempDir(), 'results');
  const { cli, children } = await startRun(out);
  const exited = once(cli, 'exit');
  cli.kill('SIGKILL');
  await exited;
  expect(await waitUntilGone(children)).toEqual([]);
});
