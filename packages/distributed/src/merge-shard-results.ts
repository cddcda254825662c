import type { V1Pod } from '@kubernetes/client-node';
import { decodeResult, type LoadResult, mergeResults, type ShardSummary } from '@prload/loadgen';
import { clockProblem } from './clock-check.js';
import { describeShard, ShardResultError } from './errors.js';
import type { ShardStatus } from './shard-status.js';

/** One shard of a finished run: where it ran and whether its result came back. */
export interface ShardRun {
  readonly index: number;
  /** Its pod, when the Job created one. */
  readonly pod: string | undefined;
  /** The node its pod ran on (the pod's spec.nodeName, else what the shard reported). */
  readonly node: string | undefined;
  /** When it saw the start minus when the coordinator wrote it, each by its own clock (see clockProblem). */
  readonly noticeDelayMs: number | undefined;
  /** Its result is part of the merged one. */
  readonly sentResult: boolean;
}

/**
 * Decodes the results the shards sent and merges them (loadgen's mergeResults: exact histograms, one
 * schedule's rate, each shard in `shards[]`, missing or invalid shards named), then adds each shard's node
 * and marks a shard whose clock is provably behind invalid.
 */
export function mergeShardResults(
  shards: number,
  statuses: readonly ShardStatus[],
  pods: ReadonlyMap<number, V1Pod>,
): { result: LoadResult; runs: ShardRun[] } {
  const byIndex = new Map(statuses.map((s) => [s.index, s]));
  const runs: ShardRun[] = Array.from({ length: shards }, (_, index) => {
    const pod = pods.get(index);
    const status = byIndex.get(index);
    return {
      index,
      pod: pod?.metadata?.name,
      node: pod?.spec?.nodeName ?? status?.node,
      noticeDelayMs: status?.noticeDelayMs,
      sentResult: status?.result !== undefined,
    };
  });
  const results = [...byIndex.values()]
    .sort((a, b) => a.index - b.index)
    .flatMap((status) => {
      if (status.result === undefined) return [];
      const run = runs[status.index];
      try {
        return [decodeResult(status.result, `shard ${status.index}'s result`)];
      } catch (error) {
        const where = describeShard({ index: status.index, pod: run?.pod, node: run?.node });
        throw new ShardResultError(`${where}: unreadable result: ${(error as Error).message}`, { cause: error });
      }
    });
  const merged = mergeResults(results);
  const bound = merged.settings.maxSendLagP99Ms;
  const clockReasons: string[] = [];
  const summaries = (merged.shards ?? []).map((summary): ShardSummary => {
    const run = runs[summary.index];
    const placed = {
      ...summary,
      ...(run?.node === undefined ? {} : { node: run.node }),
      ...(run?.noticeDelayMs === undefined ? {} : { noticeDelayMs: run.noticeDelayMs }),
    };
    const problem = clockProblem(run?.noticeDelayMs, bound);
    if (problem === undefined) return placed;
    clockReasons.push(`shard ${summary.index}: ${problem}`);
    const invalidReason = summary.invalidReason ? `${summary.invalidReason}; ${problem}` : problem;
    return { ...placed, valid: false, invalidReason };
  });
  const invalidReason = [merged.invalidReason, ...clockReasons].filter((r) => r !== undefined).join('; ');
  const result: LoadResult = {
    ...merged,
    shards: summaries,
    valid: merged.valid && clockReasons.length === 0,
    ...(invalidReason === '' ? {} : { invalidReason }),
  };
  return { result, runs };
}
