import { describe, expect, it } from 'vitest';
import { loadResultProblem } from '../src/check-load-result.js';
import type { LoadResult } from '../src/types.js';
import { latencies, resultFromSamples } from './helpers/results.js';

const whole = resultFromSamples({
  'a.localhost': { latencyUs: latencies(200, 1), errors: 3 },
  'b.localhost': { latencyUs: latencies(100, 2) },
});
const result: LoadResult = {
  ...whole,
  histograms: { ...whole.histograms, perStatusClass: { '2xx': whole.histograms.perHost['a.localhost']! } },
  shard: { index: 1, count: 3, startAt: '2025-01-01T00:00:00.000Z', startLagMs: 0.7 },
  shards: [
    {
      index: 0,
      node: 'prload-worker',
      requests: 10,
      errors: 0,
      sendLag: { p99: 0.4, max: 1.9 },
      startLagMs: 0.6,
      valid: true,
    },
    {
      index: 1,
      requests: 9,
      errors: 1,
      sendLag: { p99: 23, max: 41 },
      startLagMs: 0.9,
      valid: false,
      invalidReason: 'late',
    },
  ],
};

// biome-ignore lint/suspicious/noExplicitAny: the edits reach into arbitrary parsed JSON.
type Json = Record<string, any>;

/** The result as parsed JSON with one change made by `edit`, which may mutate it. */
function edited(edit: (json: Json) => void): Json {
  const json = JSON.parse(JSON.stringify(result));
  edit(json);
  return json;
}

describe('loadResultProblem', () => {
  it('accepts a whole result, with or without its optional fields', () => {
    expect(loadResultProblem(result)).toBeUndefined();
    expect(loadResultProblem(JSON.parse(JSON.stringify(whole)))).toBeUndefined();
    expect(
      loadResultProblem({ ...result, valid: false, invalidReason: 'x', settings: { ...result.settings, rampTo: 200 } }),
    ).toBeUndefined();
  });

  it('leaves schemaVersion to a container that owns it', () => {
    const { schemaVersion: _v, ...fields } = result;
    expect(loadResultProblem(fields)?.message).toBe('schemaVersion must be 1, got nothing');
    expect(loadResultProblem(fields, { schemaVersion: false })).toBeUndefined();
    expect(loadResultProblem({ ...fields, schemaVersion: 7 }, { schemaVersion: false })).toBeUndefined();
  });

  it.each<[string, unknown, string, string]>([
    ['a list', [1, 2], 'the top level', 'the top level must be an object, got [1,2]'],
    ['null', null, 'the top level', 'the top level must be an object, got null'],
    ['another schema version', edited((j) => (j.schemaVersion = 2)), 'schemaVersion', 'schemaVersion must be 1, got 2'],
  ])('refuses %s', (_name, value, field, message) => {
    expect(loadResultProblem(value)).toMatchObject({ field, message });
  });

  // Each row breaks one field of a whole result; the problem names its path, what it must be and what it was.
  it.each<[string, (json: Json) => void, string, string]>([
    ['a numeric startedAt', (j) => (j.startedAt = 1735689600000), 'startedAt', 'an ISO date string'],
    ['no endedAt', (j) => delete j.endedAt, 'endedAt', 'an ISO date string'],
    ['a string seed', (j) => (j.seed = '42'), 'seed', 'a number'],
    ['a yes/no validity', (j) => (j.valid = 'yes'), 'valid', 'a boolean'],
    ['no aborted', (j) => delete j.aborted, 'aborted', 'a boolean'],
    ['no measuredMs', (j) => delete j.measuredMs, 'measuredMs', 'a number'],
    ['a numeric invalidReason', (j) => (j.invalidReason = 3), 'invalidReason', 'a string'],
    ['no settings', (j) => delete j.settings, 'settings', 'an object'],
    ['an unknown model', (j) => (j.settings.model = 'burst'), 'settings.model', '"open" or "closed"'],
    ['a text rate', (j) => (j.settings.rate = '100'), 'settings.rate', 'a number'],
    ['no connections', (j) => delete j.settings.connections, 'settings.connections', 'a number'],
    ['no maxInFlight', (j) => delete j.settings.maxInFlight, 'settings.maxInFlight', 'a number'],
    ['no durationMs', (j) => delete j.settings.durationMs, 'settings.durationMs', 'a number'],
    ['a text rampTo', (j) => (j.settings.rampTo = '200'), 'settings.rampTo', 'a number'],
    ['targets that are not a list', (j) => (j.settings.targets = {}), 'settings.targets', 'an array'],
    ['a target that is a host name', (j) => (j.settings.targets[1] = 'b'), 'settings.targets[1]', 'an object'],
    ['a target without a path', (j) => delete j.settings.targets[0].path, 'settings.targets[0].path', 'a string'],
    [
      'a list of expected statuses',
      (j) => (j.settings.targets[0].expectStatus = [200, 204]),
      'settings.targets[0].expectStatus',
      'a number',
    ],
    ['no summary', (j) => delete j.summary, 'summary', 'an object'],
    ['text summary requests', (j) => (j.summary.requests = '12'), 'summary.requests', 'a number'],
    ['summary without errorRate', (j) => delete j.summary.errorRate, 'summary.errorRate', 'a number'],
    ['summary without latency', (j) => delete j.summary.latency, 'summary.latency', 'an object'],
    ['summary without serviceTime.p99', (j) => delete j.summary.serviceTime.p99, 'summary.serviceTime.p99', 'a number'],
    ['summary status codes as a list', (j) => (j.summary.statusCodes = []), 'summary.statusCodes', 'an object'],
    ['summary without errorKinds', (j) => delete j.summary.errorKinds, 'summary.errorKinds', 'an object'],
    ['summary error messages as text', (j) => (j.summary.errorMessages = 'x'), 'summary.errorMessages', 'an array'],
    ['hosts as a list', (j) => (j.hosts = []), 'hosts', 'an object'],
    [
      'host stats without aborted',
      (j) => delete j.hosts['b.localhost'].aborted,
      'hosts["b.localhost"].aborted',
      'a number',
    ],
    [
      'host latency without mean',
      (j) => delete j.hosts['a.localhost'].latency.mean,
      'hosts["a.localhost"].latency.mean',
      'a number',
    ],
    ['no time series', (j) => delete j.timeSeries, 'timeSeries', 'an array'],
    ['a time-series point that is a number', (j) => (j.timeSeries[0] = 5), 'timeSeries[0]', 'an object'],
    ['a time-series point without p99', (j) => delete j.timeSeries[0].p99, 'timeSeries[0].p99', 'a number'],
    ['no selfCheck', (j) => delete j.selfCheck, 'selfCheck', 'an object'],
    ['no send lag', (j) => delete j.selfCheck.sendLag, 'selfCheck.sendLag', 'an object'],
    ['send lag without p99', (j) => delete j.selfCheck.sendLag.p99, 'selfCheck.sendLag.p99', 'a number'],
    [
      'event-loop delay max as text',
      (j) => (j.selfCheck.eventLoopDelay.max = '2'),
      'selfCheck.eventLoopDelay.max',
      'a number',
    ],
    ['no maxQueueDepth', (j) => delete j.selfCheck.maxQueueDepth, 'selfCheck.maxQueueDepth', 'a number'],
    ['no histograms', (j) => delete j.histograms, 'histograms', 'an object'],
    [
      'a latency histogram that is not a string',
      (j) => (j.histograms.latency = 5),
      'histograms.latency',
      'a compressed base64 histogram string',
    ],
    ['no sendLag histogram', (j) => delete j.histograms.sendLag, 'histograms.sendLag', 'a string'],
    ['no perHost histograms', (j) => delete j.histograms.perHost, 'histograms.perHost', 'an object'],
    [
      'a per-host histogram that is not a string',
      (j) => (j.histograms.perHost['a.localhost'].latency = 5),
      'histograms.perHost["a.localhost"].latency',
      'a compressed base64 histogram string',
    ],
    [
      'a per-host pair that is a string',
      (j) => (j.histograms.perHost['b.localhost'] = 'x'),
      'histograms.perHost["b.localhost"]',
      'an object',
    ],
    [
      'a status-class histogram without serviceTime',
      (j) => delete j.histograms.perStatusClass['2xx'].serviceTime,
      'histograms.perStatusClass["2xx"].serviceTime',
      'a compressed base64 histogram string',
    ],
    ['a shard that is a number', (j) => (j.shard = 1), 'shard', 'an object'],
    ['a negative shard index', (j) => (j.shard.index = -1), 'shard.index', 'an integer >= 0'],
    ['a fractional shard count', (j) => (j.shard.count = 2.5), 'shard.count', 'an integer >= 0'],
    ['a numeric shard startAt', (j) => (j.shard.startAt = 5), 'shard.startAt', 'an ISO date string'],
    ['a shard without startLagMs', (j) => delete j.shard.startLagMs, 'shard.startLagMs', 'a number'],
    ['shards that are not a list', (j) => (j.shards = { 0: {} }), 'shards', 'an array'],
    ['a shard entry that is a node name', (j) => (j.shards[1] = 'prload-worker2'), 'shards[1]', 'an object'],
    ['a shard entry without an index', (j) => delete j.shards[0].index, 'shards[0].index', 'an integer >= 0'],
    ['a shard entry with text requests', (j) => (j.shards[1].requests = '9'), 'shards[1].requests', 'a number'],
    ['a shard entry without startLagMs', (j) => delete j.shards[0].startLagMs, 'shards[0].startLagMs', 'a number'],
    ['a shard entry without send lag', (j) => delete j.shards[1].sendLag, 'shards[1].sendLag', 'an object'],
    ['a shard entry without send lag max', (j) => delete j.shards[1].sendLag.max, 'shards[1].sendLag.max', 'a number'],
    ['a shard entry with a yes/no validity', (j) => (j.shards[0].valid = 'yes'), 'shards[0].valid', 'a boolean'],
    ['a numeric node name', (j) => (j.shards[0].node = 7), 'shards[0].node', 'a string'],
    ['a numeric shard reason', (j) => (j.shards[1].invalidReason = 0), 'shards[1].invalidReason', 'a string'],
  ])('refuses %s, naming the field', (_name, edit, field, expected) => {
    const problem = loadResultProblem(edited(edit));
    expect(problem).toMatchObject({ field, expected });
    expect(problem?.message.startsWith(`${field} must be ${expected}, got `)).toBe(true);
    expect(problem?.message).not.toContain('\n');
  });

  it('puts what it got on one short line', () => {
    expect(loadResultProblem(edited((j) => (j.seed = '42')))?.message).toBe('seed must be a number, got "42"');
    expect(loadResultProblem(edited((j) => delete j.histograms))?.message).toBe(
      'histograms must be an object, got nothing',
    );
    const long = loadResultProblem(edited((j) => (j.settings.targets[0].host = ['x'.repeat(100)])))?.message;
    expect(long).toBe(`settings.targets[0].host must be a string, got ["${'x'.repeat(55)}...`);
    const broken = loadResultProblem(edited((j) => (j.shards[0].node = { text: 'a\nb' })));
    expect(broken).toMatchObject({ got: { text: 'a\nb' } });
    expect(broken?.message).toBe('shards[0].node must be a string, got {"text":"a\\nb"}');
  });
});
