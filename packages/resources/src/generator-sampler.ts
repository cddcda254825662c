import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import type { GeneratorPoint, GeneratorUsage } from './types.js';

const BYTES_PER_MIB = 2 ** 20;

export interface GeneratorSamplerOptions {
  /** Monotonic wall clock in ms that CPU time is divided by. @default performance.now */
  readonly now?: () => number;
}

/** The load generator measuring itself, once per sampling interval. */
export interface GeneratorSampler {
  /** CPU and event-loop utilisation since the previous sample (the first: since creation), ending at `second`. */
  sample(second: number): GeneratorPoint;
  /** The samples so far, summarised. */
  usage(): GeneratorUsage;
}

/**
 * Samples this process. CPU is the whole process's (`process.cpuUsage` counts every thread, so the
 * load's worker threads too, and can exceed 1000 millicores); event-loop utilisation is the calling
 * thread's only, so it shows whether the thread that samples and merges was saturated.
 */
export function createGeneratorSampler(options: GeneratorSamplerOptions = {}): GeneratorSampler {
  const now = options.now ?? (() => performance.now());
  const series: GeneratorPoint[] = [];
  let previousCpu = process.cpuUsage();
  let previousElu = performance.eventLoopUtilization();
  let previousMs = now();
  let maxRssBytes = process.memoryUsage.rss();

  return {
    sample(second) {
      const cpu = process.cpuUsage();
      const elu = performance.eventLoopUtilization();
      const ms = now();
      const point = pointOf(second, cpuMicros(cpu, previousCpu), ms - previousMs, eluBetween(elu, previousElu));
      previousCpu = cpu;
      previousElu = elu;
      previousMs = ms;
      maxRssBytes = Math.max(maxRssBytes, process.memoryUsage.rss());
      series.push(point);
      return point;
    },
    usage: () => generatorUsageOf(series, maxRssBytes),
  };
}

function cpuMicros(current: NodeJS.CpuUsage, previous: NodeJS.CpuUsage): number {
  return current.user - previous.user + (current.system - previous.system);
}

function eluBetween(current: EventLoopUtilization, previous: EventLoopUtilization): number {
  return performance.eventLoopUtilization(current, previous).utilization;
}

/** µs of CPU over ms of wall time is millicores as it stands (1 core = 1000 µs per ms). */
export function pointOf(second: number, cpuMicros: number, elapsedMs: number, utilization: number): GeneratorPoint {
  return {
    second,
    cpuMillicores: elapsedMs > 0 ? Math.max(0, cpuMicros) / elapsedMs : 0,
    // Guards the report's JSON against a NaN (0/0) should two readings ever span no time at all.
    eventLoopUtilization: Number.isFinite(utilization) ? utilization : 0,
  };
}

/** Mean and max over the series (zeros when it is empty), and the largest resident set seen. */
export function generatorUsageOf(series: readonly GeneratorPoint[], maxRssBytes: number): GeneratorUsage {
  const cpu = series.map((point) => point.cpuMillicores);
  const elu = series.map((point) => point.eventLoopUtilization);
  return {
    cpuMeanMillicores: meanOf(cpu),
    cpuMaxMillicores: maxOf(cpu),
    memoryMaxMiB: maxRssBytes / BYTES_PER_MIB,
    eventLoopUtilizationMean: meanOf(elu),
    eventLoopUtilizationMax: maxOf(elu),
    series: [...series],
  };
}

function meanOf(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function maxOf(values: readonly number[]): number {
  return values.reduce((max, value) => Math.max(max, value), 0);
}
