import { describe, expect, it } from 'vitest';
import type { PodState, UsageReading } from '../src/resource-source.js';
import { summarizeUsage, type Tick } from '../src/summarize-usage.js';

const MIB = 2 ** 20;
const LOAD_START = 10_000;
const LOAD_END = 20_000;

/** CPU per second of each pod: 0.2 cores before the load, 0.5 during it, 0.1 after. */
const coresAt = (ms: number) => (ms <= LOAD_START ? 0.2 : ms <= LOAD_END ? 0.5 : 0.1);

function state(pod: string, restartCount: number, oomKilledAtMs: number[] = []): PodState {
  return {
    workload: 'foo',
    pod,
    node: 'worker-1',
    requests: { cpuMillicores: 250, memoryMiB: 32 },
    limits: { cpuMillicores: 500, memoryMiB: 64 },
    restartCount,
    oomKilledAtMs,
  };
}

/** Reads every second from 8 s to 21 s; foo-2 restarts at 15 s (its counter starts again from 0) after an OOM kill. */
function ticks(): Tick[] {
  const result: Tick[] = [];
  let cpu1 = 0;
  let cpu2 = 0;
  for (let at = 8_000; at <= 21_000; at += 1000) {
    const cores = coresAt(at);
    if (at > 8_000) cpu1 += cores;
    if (at === 15_000) cpu2 = 0;
    else if (at > 8_000) cpu2 += cores;
    const readings: UsageReading[] = [
      { workload: 'foo', pod: 'foo-1', timestampMs: at, cpuSeconds: cpu1, memoryBytes: 40 * MIB },
      { workload: 'foo', pod: 'foo-2', timestampMs: at, cpuSeconds: cpu2, memoryBytes: (at < 15_000 ? 63 : 20) * MIB },
      { workload: 'edge', pod: 'edge-1', timestampMs: at, cpuSeconds: at / 10_000, memoryBytes: 10 * MIB },
    ];
    const pods = [
      state('foo-1', 0),
      at < 15_000 ? state('foo-2', 0) : state('foo-2', 1, [15_000]),
      { ...state('edge-1', 3), workload: 'edge', requests: {}, limits: {} },
    ];
    result.push({ atMs: at, readings, pods });
  }
  return result;
}

const usage = summarizeUsage({
  source: 'kubelet',
  workloads: [
    { name: 'foo', role: 'app', hosts: ['foo.localhost'] },
    { name: 'edge', role: 'ingress' },
  ],
  ticks: ticks(),
  intervalMs: 1000,
  loadStartMs: LOAD_START,
  loadEndMs: LOAD_END,
  requestsByHost: { 'foo.localhost': 900, 'bar.localhost': 100 },
});

describe('summarizeUsage', () => {
  it("rates each pod's CPU between its own readings, over the load's intervals only", () => {
    const [foo1, foo2] = usage.workloads[0]!.pods;
    expect(foo1!.summary).toMatchObject({
      cpuSeconds: 5,
      cpuMeanMillicores: 500,
      cpuMaxMillicores: 500,
      cpuP95Millicores: 500,
      baselineCpuMillicores: 200,
      memoryMaxMiB: 40,
      cpuMaxOfRequest: 2,
      cpuMaxOfLimit: 1,
      memoryMaxOfLimit: 0.625,
    });
    // The interval across the restart is dropped: its counter went backwards.
    expect(foo2!.summary.cpuSeconds).toBeCloseTo(4.5, 9);
    expect(foo1!.series.map((p) => p.second)).toEqual([-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(foo1!.series[5]).toEqual({ second: 4, cpuMillicores: 500, memoryMiB: 40 });
  });

  it('counts restarts and OOM kills during the load, not those before it', () => {
    const [foo1, foo2] = usage.workloads[0]!.pods;
    expect([foo1!.restarts, foo1!.oomKills, foo2!.restarts, foo2!.oomKills]).toEqual([0, 0, 1, 1]);
    const edge = usage.workloads[1]!;
    expect(edge.restarts).toBe(0);
  });

  it("sums the pods per interval for the workload's shape, and their mean rates for its mean and CPU time", () => {
    const foo = usage.workloads[0]!;
    expect(foo.requests).toEqual({ cpuMillicores: 500, memoryMiB: 64 });
    // foo-2's interval across its restart is unmeasured; its rate over the others stands for it.
    expect(foo.summary.cpuSeconds).toBeCloseTo(10, 9);
    expect(foo.summary.cpuMeanMillicores).toBeCloseTo(1000, 6);
    expect(foo.summary.cpuMaxMillicores).toBe(1000);
    expect(foo.summary.memoryMaxMiB).toBe(103);
    expect(foo.summary.baselineCpuMillicores).toBeCloseTo(400, 9);
    expect(foo.requestsServed).toBe(900);
    expect(foo.requestsPerCpuSecond).toBe(90);
    // The ingress carries every host's requests.
    expect(usage.workloads[1]!.requestsServed).toBe(1000);
  });

  it('warns about each restart, OOM kill and CPU or memory at its limit', () => {
    expect(usage.warnings).toEqual([
      'foo: pod foo-1 CPU reached 100 % of its limit (throttled)',
      'foo: pod foo-2 restarted 1 time during the load',
      'foo: pod foo-2 was OOM-killed during the load',
      'foo: pod foo-2 CPU reached 100 % of its limit (throttled)',
      'foo: pod foo-2 memory reached 98 % of its limit',
    ]);
  });

  it('leaves requests and limits out where the pods set none', () => {
    const edge = usage.workloads[1]!;
    expect(edge.requests).toEqual({});
    expect(edge.summary.cpuMaxOfLimit).toBeUndefined();
    expect(edge.summary.cpuMeanMillicores).toBeCloseTo(100, 6);
  });

  it('reports only the reason when the source was unavailable', () => {
    const unavailable = summarizeUsage({
      source: 'kubelet',
      workloads: [{ name: 'foo', role: 'app' }],
      ticks: [],
      intervalMs: 1000,
      loadStartMs: 0,
      loadEndMs: 1000,
      unavailable: 'nodes/proxy is forbidden',
    });
    expect(unavailable).toEqual({
      source: 'kubelet',
      intervalMs: 1000,
      baselineMs: 0,
      workloads: [],
      unavailable: 'nodes/proxy is forbidden',
      warnings: [],
    });
  });
});
