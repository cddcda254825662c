import type { LoadResult } from './types.js';

type Json = Record<string, unknown>;

/** One way a value is not a `LoadResult`: where, what that field must be, and what it held. */
export interface LoadResultProblem {
  /** The field's path, e.g. `hosts["a.localhost"].latency.p99` or `settings.targets[0].weight`. */
  readonly field: string;
  /** What the field must be, e.g. `a number`. */
  readonly expected: string;
  /** What the field held (`undefined` when it is missing). */
  readonly got: unknown;
  /** The problem on one line: `summary.requests must be a number, got "12"`. */
  readonly message: string;
}

export interface CheckLoadResultOptions {
  /**
   * Whether `schemaVersion` must be 1. A container that holds a result's fields beside its own
   * `schemaVersion` (a report) checks that version itself and passes false.
   * @default true
   */
  readonly schemaVersion?: boolean;
}

/**
 * The first thing that keeps `value` from being a `LoadResult` of schema version 1, or undefined.
 * Every field whoever reads a result relies on is checked, down to each host's latency
 * percentiles, each histogram, time-series point and shard, so a result read from outside the
 * process (a shard's ConfigMap, a report file) is refused with a field path instead of turning into
 * `NaN` or a crash later. Histogram strings are not decoded here; that is left to where they are read.
 */
export function loadResultProblem(value: unknown, options: CheckLoadResultOptions = {}): LoadResultProblem | undefined {
  try {
    if (!isObject(value)) fail('the top level', 'an object', value);
    if ((options.schemaVersion ?? true) && value.schemaVersion !== 1) fail('schemaVersion', '1', value.schemaVersion);
    checkResult(value);
    return undefined;
  } catch (error) {
    if (error instanceof Found) return error.problem;
    throw error;
  }
}

/** Thrown by `fail` to stop the walk at the first problem; never leaves this module. */
class Found {
  constructor(readonly problem: LoadResultProblem) {}
}

function fail(field: string, expected: string, got: unknown): never {
  throw new Found({ field, expected, got, message: `${field} must be ${expected}, got ${describe(got)}` });
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isIndex = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function numbers(value: Json, field: string, keys: readonly string[]): void {
  for (const key of keys) {
    if (typeof value[key] !== 'number') fail(`${field}${key}`, 'a number', value[key]);
  }
}

function object(value: unknown, field: string): Json {
  if (!isObject(value)) fail(field, 'an object', value);
  return value;
}

function array(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) fail(field, 'an array', value);
  return value;
}

const STATS_NUMBERS = ['requests', 'errors', 'errorRate', 'rate', 'targetRate', 'dropped', 'late', 'aborted'] as const;
const LATENCY_NUMBERS = ['p50', 'p90', 'p95', 'p99', 'max', 'mean'] as const;
const SETTINGS_NUMBERS = [
  'rate',
  'durationMs',
  'warmupMs',
  'connections',
  'pipelining',
  'timeoutMs',
  'maxInFlight',
  'maxSendLagP99Ms',
  'lateThresholdMs',
] as const satisfies readonly (keyof LoadResult['settings'])[];
const POINT_NUMBERS = ['second', 'requests', 'errors', 'p50', 'p99'] as const;
const LAG_NUMBERS = ['p50', 'p99', 'max'] as const;

function checkResult(result: Json): void {
  for (const key of ['startedAt', 'endedAt'] as const) {
    if (typeof result[key] !== 'string') fail(key, 'an ISO date string', result[key]);
  }
  if (typeof result.seed !== 'number') fail('seed', 'a number', result.seed);
  for (const key of ['valid', 'aborted'] as const) {
    if (typeof result[key] !== 'boolean') fail(key, 'a boolean', result[key]);
  }
  if (typeof result.measuredMs !== 'number') fail('measuredMs', 'a number', result.measuredMs);
  if (result.invalidReason !== undefined && typeof result.invalidReason !== 'string') {
    fail('invalidReason', 'a string', result.invalidReason);
  }
  checkSettings(object(result.settings, 'settings'));
  checkStats(result.summary, 'summary');
  for (const [host, stats] of Object.entries(object(result.hosts, 'hosts'))) {
    checkStats(stats, `hosts[${JSON.stringify(host)}]`);
  }
  for (const [i, point] of array(result.timeSeries, 'timeSeries').entries()) {
    numbers(object(point, `timeSeries[${i}]`), `timeSeries[${i}].`, POINT_NUMBERS);
  }
  checkSelfCheck(object(result.selfCheck, 'selfCheck'));
  checkHistograms(object(result.histograms, 'histograms'));
  if (result.shard !== undefined) checkShard(object(result.shard, 'shard'));
  if (result.shards !== undefined) checkShards(array(result.shards, 'shards'));
}

function checkSettings(settings: Json): void {
  if (settings.model !== 'open' && settings.model !== 'closed') {
    fail('settings.model', '"open" or "closed"', settings.model);
  }
  numbers(settings, 'settings.', SETTINGS_NUMBERS);
  if (settings.rampTo !== undefined && typeof settings.rampTo !== 'number') {
    fail('settings.rampTo', 'a number', settings.rampTo);
  }
  for (const [i, item] of array(settings.targets, 'settings.targets').entries()) {
    const field = `settings.targets[${i}]`;
    const target = object(item, field);
    for (const key of ['host', 'path', 'method'] as const) {
      if (typeof target[key] !== 'string') fail(`${field}.${key}`, 'a string', target[key]);
    }
    numbers(target, `${field}.`, ['weight', 'expectStatus']);
  }
}

function checkStats(value: unknown, field: string): void {
  const stats = object(value, field);
  numbers(stats, `${field}.`, STATS_NUMBERS);
  for (const key of ['latency', 'serviceTime'] as const) {
    numbers(object(stats[key], `${field}.${key}`), `${field}.${key}.`, LATENCY_NUMBERS);
  }
  for (const key of ['statusCodes', 'errorKinds'] as const) object(stats[key], `${field}.${key}`);
  array(stats.errorMessages, `${field}.errorMessages`);
}

function checkSelfCheck(selfCheck: Json): void {
  for (const key of ['sendLag', 'eventLoopDelay'] as const) {
    numbers(object(selfCheck[key], `selfCheck.${key}`), `selfCheck.${key}.`, LAG_NUMBERS);
  }
  numbers(selfCheck, 'selfCheck.', ['maxQueueDepth']);
}

/** The histograms a merge sums, the HTML plots and a baseline comparison bootstraps. */
function checkHistograms(histograms: Json): void {
  checkPair(histograms, 'histograms');
  if (typeof histograms.sendLag !== 'string') fail('histograms.sendLag', 'a string', histograms.sendLag);
  for (const key of ['perHost', 'perStatusClass'] as const) {
    for (const [name, pair] of Object.entries(object(histograms[key], `histograms.${key}`))) {
      const field = `histograms.${key}[${JSON.stringify(name)}]`;
      checkPair(object(pair, field), field);
    }
  }
}

function checkPair(pair: Json, field: string): void {
  for (const key of ['latency', 'serviceTime'] as const) {
    if (typeof pair[key] !== 'string') fail(`${field}.${key}`, 'a compressed base64 histogram string', pair[key]);
  }
}

/** A result that was one shard: its slice and its start. */
function checkShard(shard: Json): void {
  for (const key of ['index', 'count'] as const) {
    if (!isIndex(shard[key])) fail(`shard.${key}`, 'an integer >= 0', shard[key]);
  }
  if (typeof shard.startAt !== 'string') fail('shard.startAt', 'an ISO date string', shard.startAt);
  if (typeof shard.startLagMs !== 'number') fail('shard.startLagMs', 'a number', shard.startLagMs);
}

/** The shards of a merged run (`ShardSummary`); the node and the reason are external text. */
function checkShards(shards: unknown[]): void {
  for (const [i, value] of shards.entries()) {
    const field = `shards[${i}]`;
    const item = object(value, field);
    if (!isIndex(item.index)) fail(`${field}.index`, 'an integer >= 0', item.index);
    numbers(item, `${field}.`, ['requests', 'errors', 'startLagMs']);
    numbers(object(item.sendLag, `${field}.sendLag`), `${field}.sendLag.`, ['p99', 'max']);
    if (typeof item.valid !== 'boolean') fail(`${field}.valid`, 'a boolean', item.valid);
    if (item.noticeDelayMs !== undefined && typeof item.noticeDelayMs !== 'number')
      fail(`${field}.noticeDelayMs`, 'a number', item.noticeDelayMs);
    for (const key of ['node', 'invalidReason'] as const) {
      if (item[key] !== undefined && typeof item[key] !== 'string') fail(`${field}.${key}`, 'a string', item[key]);
    }
  }
}
