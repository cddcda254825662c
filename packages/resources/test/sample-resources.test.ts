import { describe, expect, it } from 'vitest';
import { ResourceSourceUnavailableError, ResourcesOptionsError } from '../src/errors.js';
import type { ResourceSource, SourceReading } from '../src/resource-source.js';
import { startResourceSampler } from '../src/sample-resources.js';

const MIB = 2 ** 20;

/**
 * A source whose pod uses 0.5 cores by the sampler's own clock: a stand-in for a kubelet whose
 * readings the test can count. `reads(n)` resolves once the sampler has read n times.
 */
function countingSource(fail?: (read: number) => Error | undefined) {
  let count = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const source: ResourceSource & { closed: boolean } = {
    name: 'kubelet',
    closed: false,
    async read(): Promise<SourceReading> {
      count += 1;
      for (const w of waiters.filter((w) => count >= w.n)) w.resolve();
      const error = fail?.(count);
      if (error) throw error;
      const now = Date.now();
      return {
        readings: [{ workload: 'foo', pod: 'foo-1', timestampMs: now, cpuSeconds: now / 2000, memoryBytes: 30 * MIB }],
        pods: [
          {
            workload: 'foo',
            pod: 'foo-1',
            requests: {},
            limits: { cpuMillicores: 1000 },
            restartCount: 0,
            oomKilledAtMs: [],
          },
        ],
      };
    },
    async close() {
      source.closed = true;
    },
  };
  return {
    source,
    get count() {
      return count;
    },
    reads: (n: number) => new Promise<void>((resolve) => (count >= n ? resolve() : waiters.push({ n, resolve }))),
  };
}

describe('startResourceSampler', () => {
  it('reads at once and every interval, waits for the baseline, and summarises the load apart from it', async () => {
    const counting = countingSource();
    const sampler = startResourceSampler({
      source: counting.source,
      workloads: [{ name: 'foo', role: 'app', hosts: ['foo.localhost'] }],
      intervalMs: 100,
    });
    await sampler.baseline(250);
    const baselineReads = counting.count;
    expect(baselineReads).toBeGreaterThanOrEqual(3);
    sampler.markLoadStart();
    await counting.reads(baselineReads + 5);
    sampler.markLoadEnd();
    const usage = await sampler.stop({ requestsByHost: { 'foo.localhost': 100 } });
    expect(counting.source.closed).toBe(true);
    expect(usage.source).toBe('kubelet');
    expect(usage.intervalMs).toBe(100);
    expect(usage.baselineMs).toBeGreaterThanOrEqual(250);
    const foo = usage.workloads[0]!;
    expect(foo.pods[0]!.summary.cpuMeanMillicores).toBeCloseTo(500, 0);
    expect(foo.pods[0]!.summary.baselineCpuMillicores).toBeCloseTo(500, 0);
    expect(foo.summary.memoryMaxMiB).toBe(30);
    expect(foo.series.some((p) => p.second < 0)).toBe(true);
    expect(foo.series.some((p) => p.second > 0)).toBe(true);
    expect(usage.generator?.series.length).toBeGreaterThan(0);
    // Stopping again returns the same summary without reading again.
    const reads = counting.count;
    expect(await sampler.stop()).toBe(usage);
    expect(counting.count).toBe(reads);
  });

  it('says once that usage is unavailable, stops reading, and lets the run go on', async () => {
    const counting = countingSource(() => new ResourceSourceUnavailableError('nodes/proxy is forbidden'));
    const lines: string[] = [];
    const sampler = startResourceSampler({
      source: counting.source,
      workloads: [{ name: 'foo', role: 'app' }],
      intervalMs: 100,
      log: (line) => lines.push(line),
    });
    await sampler.baseline(60_000);
    sampler.markLoadStart();
    sampler.markLoadEnd();
    const usage = await sampler.stop();
    expect(usage.unavailable).toBe('nodes/proxy is forbidden');
    expect(usage.workloads).toEqual([]);
    expect(lines).toEqual(['resource usage unavailable: nodes/proxy is forbidden']);
    expect(counting.count).toBe(1);
  });

  it('logs each other failure once and keeps sampling', async () => {
    const counting = countingSource((read) => (read <= 3 ? new Error('502 Bad Gateway') : undefined));
    const lines: string[] = [];
    const sampler = startResourceSampler({
      source: counting.source,
      workloads: [{ name: 'foo', role: 'app' }],
      intervalMs: 100,
      log: (line) => lines.push(line),
    });
    await counting.reads(6);
    const usage = await sampler.stop();
    expect(lines).toEqual(['resource usage: a read failed, sampling goes on: 502 Bad Gateway']);
    expect(usage.unavailable).toBeUndefined();
    expect(usage.workloads[0]!.pods).toHaveLength(1);
  });

  it('rejects a baseline wait when its signal aborts', async () => {
    const sampler = startResourceSampler({
      source: countingSource().source,
      workloads: [{ name: 'foo', role: 'app' }],
      intervalMs: 100,
    });
    const controller = new AbortController();
    const waiting = sampler.baseline(60_000, controller.signal);
    controller.abort(new Error('interrupted'));
    await expect(waiting).rejects.toThrow('interrupted');
    await sampler.stop();
  });

  it.each([0, 99, 60_001, Number.NaN])('refuses an interval of %d ms', (intervalMs) => {
    const start = () =>
      startResourceSampler({ source: countingSource().source, workloads: [], intervalMs, generator: false });
    expect(start).toThrow(ResourcesOptionsError);
    expect(start).toThrow(`intervalMs: must be between 100 and 60000, got ${intervalMs}`);
  });
});

describe('a sampler awaited on its own', () => {
  it('keeps the process alive while a caller waits only on its baseline', async () => {
    const { execFile } = await import('node:child_process');
    const dist = new URL('../dist/index.js', import.meta.url).href;
    // A child whose only pending work is the sampler: it must reach "baseline" instead of exiting early.
    const script = `
      const { startResourceSampler } = await import(${JSON.stringify(dist)});
      const source = { name: 'process', read: async () => ({ readings: [], pods: [] }) };
      const sampler = startResourceSampler({ source, workloads: [], intervalMs: 100, generator: false });
      await sampler.baseline(300);
      console.log('baseline');
      await sampler.stop();
      console.log('stopped');
    `;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '-e', script], (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    );
    expect(output).toBe('baseline\nstopped\n');
  });
});
