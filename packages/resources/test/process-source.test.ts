import { afterEach, expect, test } from 'vitest';
import { type LocalProcess, processSource } from '../src/process-source.js';
import type { ResourceSource, SourceReading, UsageReading } from '../src/resource-source.js';
import { killUsageChildren, startUsageChild } from './fixtures/usage-children.js';

const MIB = 2 ** 20;
/** What the memory child holds; its resident set is that plus Node's own (about 40-60 MiB). */
const HELD_MIB = 96;
/** CPU the burner must use between the two reads: long enough that 10 ms clock ticks are 1 %. */
const BURN_MS = 1_000;

let source: ResourceSource | undefined;
afterEach(async () => {
  await source?.close?.();
  source = undefined;
  await killUsageChildren();
});

function open(processes: () => readonly LocalProcess[]): ResourceSource {
  source = processSource(processes, { thread: false });
  return source;
}

function readingOf(reading: SourceReading, pod: string): UsageReading {
  const found = reading.readings.find((r) => r.pod === pod);
  if (found === undefined) throw new Error(`no reading for ${pod} in ${JSON.stringify(reading)}`);
  return found;
}

/** Cores used between two readings of the same process, by the source's own timestamps. */
function coresBetween(first: UsageReading, second: UsageReading): number {
  return ((second.cpuSeconds ?? 0) - (first.cpuSeconds ?? 0)) / ((second.timestampMs - first.timestampMs) / 1000);
}

test('reads CPU and resident memory of real processes', { timeout: 60_000 }, async () => {
  const [burner, allocator, idler] = await Promise.all([
    startUsageChild('burn'),
    startUsageChild({ memoryMiB: HELD_MIB }),
    startUsageChild('idle'),
  ]);
  const processes: LocalProcess[] = [
    { workload: 'foo', name: 'foo-1', pid: burner.pid },
    { workload: 'foo', name: 'foo-2', pid: allocator.pid },
    { workload: 'ingress', name: 'router', pid: idler.pid },
  ];
  const reader = open(() => processes);
  const signal = AbortSignal.timeout(30_000);

  const first = await reader.read(signal);
  const burntAtFirst = (readingOf(first, 'foo-1').cpuSeconds ?? 0) * 1000;
  // The burner's own account of its CPU, not a wall-clock wait: on a loaded machine the interval stretches.
  await burner.waitFor((message) => message.type === 'burnt' && message.cpuMs >= burntAtFirst + BURN_MS);
  const second = await reader.read(signal);

  const burnerCores = coresBetween(readingOf(first, 'foo-1'), readingOf(second, 'foo-1'));
  const idleCores = coresBetween(readingOf(first, 'router'), readingOf(second, 'router'));
  const heldMiB = readingOf(second, 'foo-2').memoryBytes / MIB;
  // Measured on a busy 2-core machine (load average 5): burner 0.60-0.93 core, idle 0, memory 139 MiB.
  expect(burnerCores).toBeGreaterThan(0.5);
  expect(burnerCores).toBeLessThan(1.3);
  expect(idleCores).toBeLessThan(0.2);
  expect(heldMiB).toBeGreaterThanOrEqual(HELD_MIB);
  expect(heldMiB).toBeLessThan(HELD_MIB + 100);

  expect(second.readings.map((r) => [r.workload, r.pod])).toEqual([
    ['foo', 'foo-1'],
    ['foo', 'foo-2'],
    ['ingress', 'router'],
  ]);
  for (const reading of second.readings) {
    expect(reading.cpuCores).toBeUndefined();
    expect(reading.timestampMs).toBeGreaterThan(readingOf(first, reading.pod).timestampMs);
  }
  expect(second.pods).toEqual(
    processes.map(({ workload, name }) => ({
      workload,
      pod: name,
      requests: {},
      limits: {},
      restartCount: 0,
      oomKilledAtMs: [],
    })),
  );
});

/**
 * pidusage answers an exited pid differently by case: null among others, ESRCH for the one whose
 * /proc file it still holds open from an earlier read, ENOENT for one it never saw.
 */
async function testExitedProcess(options: { readonly others: number; readonly readBefore: boolean }) {
  const children = await Promise.all(Array.from({ length: options.others + 1 }, () => startUsageChild('idle')));
  const processes = children.map((child, index) => ({ workload: 'foo', name: `foo-${index + 1}`, pid: child.pid }));
  const reader = open(() => processes);
  const signal = AbortSignal.timeout(30_000);
  if (options.readBefore) expect((await reader.read(signal)).readings).toHaveLength(processes.length);

  await children[0]!.kill();
  const after = await reader.read(signal);

  const survivors = processes.slice(1).map((entry) => entry.name);
  expect(after.readings.map((r) => r.pod)).toEqual(survivors);
  expect(after.pods.map((p) => p.pod)).toEqual(survivors);
}

test('a killed process drops out of the next read; the others stay', () =>
  testExitedProcess({ others: 2, readBefore: true }));
test('a process killed before the first read is left out', () => testExitedProcess({ others: 2, readBefore: false }));
test('the only process, once killed, leaves an empty read (ESRCH)', () =>
  testExitedProcess({ others: 0, readBefore: true }));
test('the only process, killed before any read, leaves an empty read (ENOENT)', () =>
  testExitedProcess({ others: 0, readBefore: false }));

test('follows the process list from one read to the next', async () => {
  const [one, two] = await Promise.all([startUsageChild('idle'), startUsageChild('idle')]);
  let processes: LocalProcess[] = [];
  const reader = open(() => processes);
  const signal = AbortSignal.timeout(30_000);

  expect(await reader.read(signal)).toEqual({ readings: [], pods: [] });
  processes = [{ workload: 'foo', name: 'foo-1', pid: one.pid }];
  expect((await reader.read(signal)).readings.map((r) => r.pod)).toEqual(['foo-1']);
  processes = [...processes, { workload: 'bar', name: 'bar-1', pid: two.pid }];
  expect((await reader.read(signal)).readings.map((r) => r.pod)).toEqual(['foo-1', 'bar-1']);
});

test('rejects with the reason of a signal aborted before the read', async () => {
  const idler = await startUsageChild('idle');
  const reader = open(() => [{ workload: 'foo', name: 'foo-1', pid: idler.pid }]);
  const reason = new Error('run cancelled');
  await expect(reader.read(AbortSignal.abort(reason))).rejects.toBe(reason);
});

test('rejects with the reason of a signal aborted while reading', async () => {
  const idler = await startUsageChild('idle');
  const reader = open(() => [{ workload: 'foo', name: 'foo-1', pid: idler.pid }]);
  const controller = new AbortController();
  const reason = new Error('run cancelled');
  const reading = reader.read(controller.signal);
  controller.abort(reason);
  await expect(reading).rejects.toBe(reason);
  // The abandoned read did not break the source.
  expect((await reader.read(AbortSignal.timeout(30_000))).readings).toHaveLength(1);
});

test('reads again after close', async () => {
  const idler = await startUsageChild('idle');
  const reader = open(() => [{ workload: 'foo', name: 'foo-1', pid: idler.pid }]);
  const signal = AbortSignal.timeout(30_000);
  await reader.read(signal);
  await reader.close?.();
  expect((await reader.read(signal)).readings.map((r) => r.pod)).toEqual(['foo-1']);
});

test('on a worker thread (the default), reads the same figures and follows the process list', {
  timeout: 60_000,
}, async () => {
  // The worker runs the built module: src/ has no .js for it to load.
  const { processSource: threaded } = await import('../dist/index.js');
  const [burner, idler] = await Promise.all([startUsageChild('burn'), startUsageChild('idle')]);
  const processes: LocalProcess[] = [{ workload: 'foo', name: 'foo-1', pid: burner.pid }];
  source = threaded(() => processes);
  const signal = AbortSignal.timeout(30_000);
  const first = await source.read(signal);
  const burntAtFirst = (readingOf(first, 'foo-1').cpuSeconds ?? 0) * 1000;
  await burner.waitFor((message) => message.type === 'burnt' && message.cpuMs >= burntAtFirst + BURN_MS);
  processes.push({ workload: 'ingress', name: 'router', pid: idler.pid });
  const second = await source.read(signal);
  const cores = coresBetween(readingOf(first, 'foo-1'), readingOf(second, 'foo-1'));
  expect(cores).toBeGreaterThan(0.5);
  expect(cores).toBeLessThan(1.3);
  expect(second.readings.map((r) => r.pod)).toEqual(['foo-1', 'router']);
  expect(source.name).toBe('process');
});
