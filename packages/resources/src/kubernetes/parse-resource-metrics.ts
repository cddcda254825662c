import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { MetricsParseError } from '../errors.js';

/** One container's figures from the kubelet's `/metrics/resource`. */
export interface ContainerMetrics {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** Cumulative CPU time in core-seconds. */
  readonly cpuSeconds?: number;
  /** When the kubelet measured the CPU counter, ms since the epoch. */
  readonly cpuTimestampMs?: number;
  readonly memoryWorkingSetBytes?: number;
  readonly memoryTimestampMs?: number;
}

const CPU = 'container_cpu_usage_seconds_total';
const MEMORY = 'container_memory_working_set_bytes';

/**
 * Parses the kubelet's resource metrics (Prometheus text format, as served at
 * `/metrics/resource` and simulated by kwok) into per-container figures. The
 * kubelet stamps each sample with the time cAdvisor or the CRI measured it, which
 * can lag the scrape by seconds; rates must be taken between those stamps.
 */
export function parseResourceMetrics(text: string, source = 'metrics'): ContainerMetrics[] {
  let families: ReturnType<typeof parsePrometheusTextFormat>;
  try {
    // The parser drops the last sample of a text without a final line feed; the format ends every line with one.
    families = parsePrometheusTextFormat(text.endsWith('\n') ? text : `${text}\n`);
  } catch (error) {
    throw new MetricsParseError(
      `${source}: not Prometheus text format (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  const byContainer = new Map<string, { -readonly [K in keyof ContainerMetrics]: ContainerMetrics[K] }>();
  for (const family of families) {
    if (family.name !== CPU && family.name !== MEMORY) continue;
    for (const sample of family.metrics) {
      const namespace = sample.labels?.['namespace'];
      const pod = sample.labels?.['pod'];
      const container = sample.labels?.['container'];
      const value = Number(sample.value);
      if (!namespace || !pod || !container || !Number.isFinite(value)) continue;
      const key = `${namespace}/${pod}/${container}`;
      const entry = byContainer.get(key) ?? { namespace, pod, container };
      const timestampMs = sample.timestamp_ms === undefined ? undefined : Number(sample.timestamp_ms);
      if (family.name === CPU) {
        entry.cpuSeconds = value;
        if (timestampMs !== undefined && Number.isFinite(timestampMs)) entry.cpuTimestampMs = timestampMs;
      } else {
        entry.memoryWorkingSetBytes = value;
        if (timestampMs !== undefined && Number.isFinite(timestampMs)) entry.memoryTimestampMs = timestampMs;
      }
      byContainer.set(key, entry);
    }
  }
  return [...byContainer.values()];
}
