import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, test } from 'vitest';
import { createGeneratorSampler, generatorUsageOf, pointOf } from '../src/generator-sampler.js';
import type { GeneratorPoint } from '../src/types.js';

const MIB = 2 ** 20;

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Spins this thread until it has used `ms` of its own CPU (not of wall time: the machine may be busy). */
function burnCpu(ms: number): void {
  const until = cpuMicros() + ms * 1000;
  while (cpuMicros() < until) {
    // spin
  }
}

test('a busy thread shows CPU and a saturated event loop', () => {
  const sampler = createGeneratorSampler();
  burnCpu(200);
  const point = sampler.sample(1);
  expect(point.second).toBe(1);
  expect(point.cpuMillicores).toBeGreaterThan(0);
  expect(point.eventLoopUtilization).toBeGreaterThan(0.9);
});

test('an idle event loop shows low utilisation', async () => {
  // The loop waits in its poll phase for a real I/O event: a child's stdout reaching EOF. Not 'exit'
  // alone: SIGCHLD ends that wait by interrupting epoll_wait, and libuv then drops the idle time of
  // that poll (measured: utilisation 1.0 over a 100 ms wait for 'exit', 0.06 for the pipe's 'close').
  // The spawn (synchronous) happens before the sampler starts, so the interval is the wait alone.
  const child = spawn(process.execPath, ['-e', ''], { stdio: ['ignore', 'pipe', 'ignore'] });
  const sampler = createGeneratorSampler();
  await once(child, 'close');
  const point = sampler.sample(1);
  expect(point.eventLoopUtilization).toBeLessThan(0.3);
});

test('divides the CPU since the previous sample by the injected clock', () => {
  const ticks = [0, 1_000, 3_000];
  const sampler = createGeneratorSampler({ now: () => ticks.shift() ?? Number.NaN });

  const before = cpuMicros();
  burnCpu(50);
  const inner = cpuMicros() - before;
  const first = sampler.sample(1);
  const second = sampler.sample(3);
  const outer = cpuMicros() - before;

  // 1000 ms of "wall time": millicores are the µs of CPU / 1000.
  expect(first.cpuMillicores * 1_000).toBeGreaterThanOrEqual(inner);
  expect(first.cpuMillicores * 1_000).toBeLessThanOrEqual(outer);
  // Only what ran between the two samples, over the next 2000 ms.
  expect(second.cpuMillicores * 2_000).toBeLessThanOrEqual(outer - inner);

  const usage = sampler.usage();
  expect(usage.series).toEqual([first, second]);
  expect(usage.cpuMaxMillicores).toBe(Math.max(first.cpuMillicores, second.cpuMillicores));
  expect(usage.cpuMeanMillicores).toBeCloseTo((first.cpuMillicores + second.cpuMillicores) / 2, 9);
  expect(usage.eventLoopUtilizationMax).toBe(Math.max(first.eventLoopUtilization, second.eventLoopUtilization));
  expect(usage.memoryMaxMiB).toBeGreaterThan(0);
  expect(usage.memoryMaxMiB).toBeLessThanOrEqual(process.memoryUsage.rss() / MIB + 1_024);
});

test('tracks the resident set at its largest', () => {
  const sampler = createGeneratorSampler();
  const held = Buffer.alloc(64 * MIB, 0xa5);
  const withHeld = process.memoryUsage.rss() / MIB;
  sampler.sample(1);
  sampler.sample(2);
  expect(held.length).toBe(64 * MIB);
  // A MiB of slack: the allocator may hand a little back between the two rss() calls.
  expect(sampler.usage().memoryMaxMiB).toBeGreaterThanOrEqual(withHeld - 1);
  expect(sampler.usage().memoryMaxMiB).toBeGreaterThan(64);
});

function testPoint(
  input: { readonly cpuMicros: number; readonly elapsedMs: number; readonly utilization: number },
  expected: Omit<GeneratorPoint, 'second'>,
) {
  expect(pointOf(5, input.cpuMicros, input.elapsedMs, input.utilization)).toEqual({ second: 5, ...expected });
}

test('half a core', () =>
  testPoint(
    { cpuMicros: 500_000, elapsedMs: 1_000, utilization: 0.5 },
    { cpuMillicores: 500, eventLoopUtilization: 0.5 },
  ));
test('worker threads add up past one core', () =>
  testPoint(
    { cpuMicros: 4_000_000, elapsedMs: 2_000, utilization: 0.25 },
    { cpuMillicores: 2_000, eventLoopUtilization: 0.25 },
  ));
test('no time elapsed is no CPU, not a division by zero', () =>
  testPoint({ cpuMicros: 1_000, elapsedMs: 0, utilization: 0 }, { cpuMillicores: 0, eventLoopUtilization: 0 }));
test('a utilisation of NaN is reported as 0', () =>
  testPoint(
    { cpuMicros: 0, elapsedMs: 1_000, utilization: Number.NaN },
    { cpuMillicores: 0, eventLoopUtilization: 0 },
  ));

test('usage of no samples is zeros and the resident set', () => {
  expect(generatorUsageOf([], 96 * MIB)).toEqual({
    cpuMeanMillicores: 0,
    cpuMaxMillicores: 0,
    memoryMaxMiB: 96,
    eventLoopUtilizationMean: 0,
    eventLoopUtilizationMax: 0,
    series: [],
  });
});

test('usage is the mean and max over the series', () => {
  const series: GeneratorPoint[] = [
    { second: 1, cpuMillicores: 100, eventLoopUtilization: 0.25 },
    { second: 2, cpuMillicores: 400, eventLoopUtilization: 0.75 },
    { second: 3, cpuMillicores: 250, eventLoopUtilization: 0.5 },
  ];
  expect(generatorUsageOf(series, 128.5 * MIB)).toEqual({
    cpuMeanMillicores: 250,
    cpuMaxMillicores: 400,
    memoryMaxMiB: 128.5,
    eventLoopUtilizationMean: 0.5,
    eventLoopUtilizationMax: 0.75,
    series,
  });
});
