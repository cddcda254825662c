import type { LoadResult } from '@prload/loadgen';
import { loadResultProblem } from '@prload/loadgen/internal';
import type { FailField } from './validate-resources.js';

type Json = Record<string, unknown>;

/** The load result's fields in a report; `invalidReason`, `shard` and `shards` are the optional ones. */
const LOAD_FIELDS = [
  'startedAt',
  'endedAt',
  'settings',
  'seed',
  'valid',
  'aborted',
  'measuredMs',
  'summary',
  'hosts',
  'timeSeries',
  'selfCheck',
  'histograms',
] as const satisfies readonly (keyof LoadResult)[];

/**
 * Checks the load result inside a report: `@prload/loadgen`'s `LoadResult`, all of it or none of it
 * (a run that failed before the load, or drove none). Every report of schema version 1 was written
 * by prload from a `LoadResult`, so an older or looser shape is refused rather than half-rendered.
 * The shape itself is loadgen's check; the report's `schemaVersion` is the report's, checked by
 * the caller.
 */
export function checkLoadResult(report: Json, fail: FailField): void {
  const present = LOAD_FIELDS.filter((key) => report[key] !== undefined);
  if (present.length === 0) return;
  for (const key of LOAD_FIELDS) {
    if (report[key] === undefined) fail(key, `present with ${present[0]} (a load result has every field)`, undefined);
  }
  const problem = loadResultProblem(report, { schemaVersion: false });
  if (problem !== undefined) fail(problem.field, problem.expected, problem.got);
}
