import pidusage from 'pidusage';
import type { PodState, ResourceSource, SourceReading, UsageReading } from './resource-source.js';

/** A process to measure: one app replica or the ingress router of the local provider. */
export interface LocalProcess {
  /** `WorkloadSelector.name` of the workload the process belongs to. */
  readonly workload: string;
  /** Reported as the reading's `pod`. */
  readonly name: string;
  readonly pid: number;
}

type Stats = Record<string, pidusage.Status | null | undefined>;

export interface ProcessSourceOptions {
  /**
   * Read on a worker thread, off the caller's event loop (pidusage's reads, every 100 ms, raised a load
   * generator's send-lag p99 6x on its own loop). @default true
   */
  readonly thread?: boolean;
}

/**
 * Resource usage of local processes through pidusage (`/proc/<pid>/stat` on Linux, `ps` on macOS).
 * `processes` is asked on every read, so replicas started or stopped between reads are followed.
 * A process that has exited is left out of that read, readings and pod states alike.
 */
export function processSource(
  processes: () => readonly LocalProcess[],
  options: ProcessSourceOptions = {},
): ResourceSource {
  if (options.thread !== false) return onWorkerThread(processes);
  return {
    name: 'process',
    async read(signal) {
      signal.throwIfAborted();
      const list = processes();
      if (list.length === 0) return { readings: [], pods: [] };
      const stats = await untilAborted(measure(list.map((entry) => entry.pid)), signal);
      return readingOf(list, stats);
    },
    async close() {
      // Drops pidusage's per-pid history and its timer. It is module-wide: every processSource shares it.
      pidusage.clear();
    },
  };
}

/**
 * Asks for every pid at once. With two or more pids pidusage settles each on its own (an exited
 * one comes back null or absent, the others still answer); with one it rejects: ENOENT for an
 * unknown pid, ESRCH when the /proc file it keeps open belongs to a process that has since exited.
 * `ps` (macOS) also answers ENOENT when none of the pids is alive.
 */
async function measure(pids: readonly number[]): Promise<Stats> {
  try {
    return await pidusage([...pids]);
  } catch (error) {
    if (isGone(error)) return {};
    throw error;
  }
}

function isGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ESRCH';
}

function readingOf(list: readonly LocalProcess[], stats: Stats): SourceReading {
  const readings: UsageReading[] = [];
  const pods: PodState[] = [];
  for (const { workload, name, pid } of list) {
    const stat = stats[pid];
    if (stat == null) continue;
    readings.push({
      workload,
      pod: name,
      timestampMs: stat.timestamp,
      // ctime is user + system CPU of the process itself, in ms (children it waited for are not in it).
      cpuSeconds: stat.ctime / 1000,
      memoryBytes: stat.memory,
    });
    pods.push({ workload, pod: name, requests: {}, limits: {}, restartCount: 0, oomKilledAtMs: [] });
  }
  return { readings, pods };
}

/** pidusage cannot be cancelled: stop waiting for it on abort, and let its late answer go. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The threaded source, started on the first read. */
function onWorkerThread(processes: () => readonly LocalProcess[]): ResourceSource {
  let started: Promise<ResourceSource> | undefined;
  const start = () => {
    started ??= import('./threaded-source.js').then(({ threadedSource }) =>
      threadedSource({ kind: 'process' }, { processes }),
    );
    return started;
  };
  return {
    name: 'process',
    read: async (signal) => (await start()).read(signal),
    async close() {
      if (started) await (await started).close?.();
    },
  };
}
