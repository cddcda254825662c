import { LoadgenError } from './errors.js';
import type { LoadResult, ShardInfo, ShardSummary } from './types.js';

/** What a merge of shards adds: each shard's line, and why the merged run is invalid (one reason per shard). */
export interface MergedShards {
  readonly shards: ShardSummary[];
  readonly invalidReasons: string[];
}

function summaryOf(result: LoadResult, shard: ShardInfo): ShardSummary {
  return {
    index: shard.index,
    requests: result.summary.requests,
    errors: result.summary.errors,
    sendLag: { p99: result.selfCheck.sendLag.p99, max: result.selfCheck.sendLag.max },
    startLagMs: shard.startLagMs,
    valid: result.valid,
    ...(result.invalidReason === undefined ? {} : { invalidReason: result.invalidReason }),
  };
}

/**
 * The shards' part of `mergeResults`, or undefined when the results are not shards. Shards of
 * one run share their count and seed and each index comes once; anything else is a caller's
 * mistake and throws. A shard that is invalid, or missing from `results`, makes the merge
 * invalid, named by its index.
 */
export function mergeShards(results: readonly LoadResult[]): MergedShards | undefined {
  const first = results[0]?.shard;
  if (first === undefined) {
    if (results.some((r) => r.shard !== undefined)) throw mixed();
    return undefined;
  }
  const byIndex = new Map<number, ShardSummary>();
  for (const r of results) {
    const shard = r.shard;
    if (shard === undefined) throw mixed();
    if (shard.count !== first.count) {
      throw new LoadgenError(
        `mergeResults: shard ${shard.index} is one of ${shard.count}, shard ${first.index} one of ${first.count}; merge the shards of one run`,
      );
    }
    if (r.seed !== results[0]!.seed) {
      throw new LoadgenError(
        `mergeResults: shard ${shard.index} drew seed ${r.seed}, shard ${first.index} seed ${results[0]!.seed}; shards of one run share one seed`,
      );
    }
    if (byIndex.has(shard.index)) throw new LoadgenError(`mergeResults: shard ${shard.index} is there twice`);
    byIndex.set(shard.index, summaryOf(r, shard));
  }
  const invalidReasons: string[] = [];
  for (let index = 0; index < first.count; index++) {
    const shard = byIndex.get(index);
    if (shard === undefined) invalidReasons.push(`shard ${index}: no result (its share of the load is missing)`);
    else if (!shard.valid) invalidReasons.push(`shard ${index}: ${shard.invalidReason ?? 'invalid'}`);
  }
  return { shards: [...byIndex.values()].sort((a, b) => a.index - b.index), invalidReasons };
}

function mixed(): LoadgenError {
  return new LoadgenError('mergeResults: some results are shards (have `shard`) and some are not; merge one kind');
}
