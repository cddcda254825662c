import type { LoadResult } from '@prload/loadgen';
import type { FailField } from './validate-resources.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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

const STATS_NUMBERS = ['requests', 'errors', 'errorRate', 'rate', 'targetRate', 'dropped', 'late', 'aborted'] as const;
const LATENCY_NUMBERS = ['p50', 'p90', 'p95', 'p99', 'max', 'mean'] as const;

/**
 * Checks the load result inside a report: `@prload/loadgen`'s `LoadResult`, all of it or none of it
 * (a run that failed before the load, or drove none). Every report of schema version 1 was written
 * by prload from a `LoadResult`, so an older or looser shape is refused rather than half-rendered.
 */
export function checkLoadResult(report: Json, fail: FailField): void {
  const present = LOAD_FIELDS.filter((key) => report[key] !== undefined);
  if (present.length === 0) return;
  for (const key of LOAD_FIELDS) {
    if (report[key] === undefined) fail(key, `present with ${present[0]} (a load result has every field)`, undefined);
  }
  for (const key of ['startedAt', 'endedAt'] as const) {
    if (typeof report[key] !== 'string') fail(key, 'an ISO date string', report[key]);
  }
  if (typeof report.seed !== 'number') fail('seed', 'a number', report.seed);
  for (const key of ['valid', 'aborted'] as const) {
    if (typeof report[key] !== 'boolean') fail(key, 'a boolean', report[key]);
  }
  if (typeof report.measuredMs !== 'number') fail('measuredMs', 'a number', report.measuredMs);
  if (report.invalidReason !== undefined && typeof report.invalidReason !== 'string') {
    fail('invalidReason', 'a string', report.invalidReason);
  }
  checkSettings(report.settings, fail);
  checkStats(report.summary, 'summary', fail);
  if (!isObject(report.hosts)) fail('hosts', 'an object', report.hosts);
  for (const [host, stats] of Object.entries(report.hosts as Json))
    checkStats(stats, `hosts[${JSON.stringify(host)}]`, fail);
  if (!Array.isArray(report.timeSeries)) fail('timeSeries', 'an array', report.timeSeries);
  if (!isObject(report.selfCheck)) fail('selfCheck', 'an object', report.selfCheck);
  checkHistograms(report.histograms, fail);
  if (report.shard !== undefined) checkShard(report.shard, fail);
  if (report.shards !== undefined) checkShards(report.shards, fail);
}

const isIndex = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** A result that was one shard: its slice and its start. */
function checkShard(value: unknown, fail: FailField): void {
  if (!isObject(value)) fail('shard', 'an object', value);
  const shard = value as Json;
  for (const key of ['index', 'count'] as const) {
    if (!isIndex(shard[key])) fail(`shard.${key}`, 'an integer >= 0', shard[key]);
  }
  if (typeof shard.startAt !== 'string') fail('shard.startAt', 'an ISO date string', shard.startAt);
  if (typeof shard.startLagMs !== 'number') fail('shard.startLagMs', 'a number', shard.startLagMs);
}

/** The shards of a merged run, as `@prload/loadgen`'s `ShardSummary`; the node and the reason are external text. */
function checkShards(value: unknown, fail: FailField): void {
  if (!Array.isArray(value)) fail('shards', 'an array', value);
  for (const [i, item] of (value as unknown[]).entries()) {
    const field = `shards[${i}]`;
    if (!isObject(item)) fail(field, 'an object', item);
    if (!isIndex(item.index)) fail(`${field}.index`, 'an integer >= 0', item.index);
    for (const key of ['requests', 'errors', 'startLagMs'] as const) {
      if (typeof item[key] !== 'number') fail(`${field}.${key}`, 'a number', item[key]);
    }
    const lag = item.sendLag;
    if (!isObject(lag)) fail(`${field}.sendLag`, 'an object', lag);
    for (const key of ['p99', 'max'] as const) {
      if (typeof lag[key] !== 'number') fail(`${field}.sendLag.${key}`, 'a number', lag[key]);
    }
    if (typeof item.valid !== 'boolean') fail(`${field}.valid`, 'a boolean', item.valid);
    for (const key of ['node', 'invalidReason'] as const) {
      if (item[key] !== undefined && typeof item[key] !== 'string') fail(`${field}.${key}`, 'a string', item[key]);
    }
  }
}

function checkSettings(value: unknown, fail: FailField): void {
  if (!isObject(value)) fail('settings', 'an object', value);
  const settings = value as Json;
  if (settings.model !== 'open' && settings.model !== 'closed')
    fail('settings.model', '"open" or "closed"', settings.model);
  if (!Array.isArray(settings.targets)) fail('settings.targets', 'an array', settings.targets);
  for (const [i, target] of (settings.targets as unknown[]).entries()) {
    const field = `settings.targets[${i}]`;
    if (!isObject(target)) fail(field, 'an object', target);
    for (const key of ['host', 'path', 'method'] as const) {
      if (typeof target[key] !== 'string') fail(`${field}.${key}`, 'a string', target[key]);
    }
    for (const key of ['weight', 'expectStatus'] as const) {
      if (typeof target[key] !== 'number') fail(`${field}.${key}`, 'a number', target[key]);
    }
  }
}

function checkStats(value: unknown, field: string, fail: FailField): void {
  if (!isObject(value)) fail(field, 'an object', value);
  const stats = value as Json;
  for (const key of STATS_NUMBERS) {
    if (typeof stats[key] !== 'number') fail(`${field}.${key}`, 'a number', stats[key]);
  }
  for (const key of ['latency', 'serviceTime'] as const) {
    const latency = stats[key];
    if (!isObject(latency)) fail(`${field}.${key}`, 'an object', latency);
    for (const p of LATENCY_NUMBERS) {
      if (typeof latency[p] !== 'number') fail(`${field}.${key}.${p}`, 'a number', latency[p]);
    }
  }
  for (const key of ['statusCodes', 'errorKinds'] as const) {
    if (!isObject(stats[key])) fail(`${field}.${key}`, 'an object', stats[key]);
  }
  if (!Array.isArray(stats.errorMessages)) fail(`${field}.errorMessages`, 'an array', stats.errorMessages);
}

/** The histograms the HTML plots and the baseline comparison bootstraps; decoding them is left to where they are read. */
function checkHistograms(value: unknown, fail: FailField): void {
  if (!isObject(value)) fail('histograms', 'an object', value);
  const histograms = value as Json;
  checkPair(histograms, 'histograms', fail);
  if (typeof histograms.sendLag !== 'string') fail('histograms.sendLag', 'a string', histograms.sendLag);
  for (const key of ['perHost', 'perStatusClass'] as const) {
    const group = histograms[key];
    if (!isObject(group)) fail(`histograms.${key}`, 'an object', group);
    for (const [name, pair] of Object.entries(group)) {
      const field = `histograms.${key}[${JSON.stringify(name)}]`;
      if (!isObject(pair)) fail(field, 'an object', pair);
      checkPair(pair, field, fail);
    }
  }
}

function checkPair(pair: Json, field: string, fail: FailField): void {
  for (const key of ['latency', 'serviceTime'] as const) {
    if (typeof pair[key] !== 'string') fail(`${field}.${key}`, 'a compressed base64 histogram string', pair[key]);
  }
}
