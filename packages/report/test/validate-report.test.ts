import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../src/render-json.js';
import { createRunReport } from '../src/run-report.js';
import { readRunReport, validateRunReport } from '../src/validate-report.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';
import { SHARDS, SHARDS_INVALID_REASON } from './fixtures/shards.js';

const report = createRunReport({
  result: makeLoadResult({ hosts: { 'a.localhost': { requests: 50, medianMs: 3 } } }),
  run: RUN_INFO,
});

async function fileWith(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prload-report-'));
  const path = join(dir, 'prload-report.json');
  await writeFile(path, text);
  return path;
}

describe('readRunReport', () => {
  it('round-trips a rendered report', async () => {
    const read = await readRunReport(await fileWith(renderJson(report)));
    expect(read).toEqual(JSON.parse(JSON.stringify(report)));
  });

  const rejects = (name: string, text: string, code: string, message: RegExp) =>
    it(`rejects ${name} with ${code}`, async () => {
      const path = await fileWith(text);
      await expect(readRunReport(path)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    });
  rejects('bad JSON', '{"schemaVersion": 1,', 'REPORT_JSON', /not valid JSON/);
  rejects(
    'a newer schema',
    JSON.stringify({ ...report, schemaVersion: 2 }),
    'REPORT_SCHEMA_VERSION',
    /schemaVersion 2 is not supported/,
  );
  rejects(
    'a missing schemaVersion',
    JSON.stringify({ reportId: 'x' }),
    'REPORT_SCHEMA_VERSION',
    /schemaVersion nothing/,
  );
  rejects(
    'an unknown verdict',
    JSON.stringify({ ...report, verdict: 'ok' }),
    'REPORT_INVALID',
    /verdict must be one of/,
  );
  rejects(
    'a broken host entry',
    JSON.stringify({ ...report, hosts: { h: { requests: '1' } } }),
    'REPORT_INVALID',
    /hosts\["h"\]\.requests/,
  );

  it('names the path when the file is missing', async () => {
    await expect(readRunReport('/nonexistent/prload-report.json')).rejects.toMatchObject({
      code: 'REPORT_READ',
      message: expect.stringContaining('ENOENT'),
    });
  });

  // biome-ignore lint/suspicious/noExplicitAny: the edits reach into arbitrary parsed JSON.
  type Json = Record<string, any>;
  /** The report as JSON with one change made by `edit`, which may mutate it. */
  const edited = (edit: (json: Json) => void): unknown => {
    const json = JSON.parse(renderJson(report));
    edit(json);
    return json;
  };
  // A report of schema version 1 holds @prload/loadgen's LoadResult exactly: looser shapes are refused.
  // The report's own rule is all load fields or none; the shape is loadgen's loadResultProblem (its
  // tests hold the table of malformed results), and these rows show the report words it as its own error.
  it.each<[string, (json: Json) => void, string]>([
    [
      'a numeric startedAt',
      (j) => (j.startedAt = 1735689600000),
      'startedAt must be an ISO date string, got 1735689600000',
    ],
    [
      'no histograms',
      (j) => delete j.histograms,
      'histograms must be present with startedAt (a load result has every field), got nothing',
    ],
    ['no measuredMs', (j) => delete j.measuredMs, 'measuredMs must be present with startedAt'],
    [
      'a per-host histogram that is not a string',
      (j) => (j.histograms.perHost['a.localhost'].latency = 5),
      'histograms.perHost["a.localhost"].latency must be a compressed base64 histogram string, got 5',
    ],
    [
      'host stats without aborted',
      (j) => delete j.hosts['a.localhost'].aborted,
      'hosts["a.localhost"].aborted must be a number',
    ],
    [
      'a list of expected statuses',
      (j) => (j.settings.targets[0].expectStatus = [200, 204]),
      'settings.targets[0].expectStatus must be a number, got [200,204]',
    ],
    [
      'a threshold without a limit',
      (j) => j.thresholds.push({ expression: 'p95<1s', metric: 'p95', op: '<', actual: 1, passed: true }),
      'thresholds[0].limit must be a number, got nothing',
    ],
    [
      'a threshold with an unknown operator',
      (j) => j.thresholds.push({ expression: 'p95!=1s', metric: 'p95', op: '!=', limit: 1, actual: 1, passed: true }),
      'thresholds[0].op must be one of < <= > >= ==, got "!="',
    ],
  ])('refuses %s', (_name, edit, message) => {
    const attempt = () => validateRunReport(edited(edit), 'r.json');
    expect(attempt).toThrow(expect.objectContaining({ code: 'REPORT_INVALID', kind: 'bad-input' }));
    expect(attempt).toThrow(`r.json: ${message}`);
  });

  const sharded = createRunReport({
    result: {
      ...makeLoadResult({ hosts: { 'a.localhost': { requests: 50, medianMs: 3 } } }),
      valid: false,
      invalidReason: SHARDS_INVALID_REASON,
      shards: SHARDS,
    },
    run: RUN_INFO,
  });

  it('accepts the shards of a distributed run, and one shard of it, and passes them through', () => {
    expect(validateRunReport(JSON.parse(renderJson(sharded))).shards).toEqual(SHARDS);
    const shard = { index: 1, count: 3, startAt: '2025-01-01T00:00:00.000Z', startLagMs: 0.8 };
    const one = createRunReport({
      result: { ...makeLoadResult({ hosts: { a: { requests: 5, medianMs: 1 } } }), shard },
      run: RUN_INFO,
    });
    expect(validateRunReport(JSON.parse(renderJson(one))).shard).toEqual(shard);
  });

  it.each<[string, (json: Json) => void, string]>([
    ['shards that are not a list', (j) => (j.shards = { 0: {} }), 'shards must be an array, got {"0":{}}'],
    [
      'a shard that is not an object',
      (j) => (j.shards[1] = 'prload-worker2'),
      'shards[1] must be an object, got "prload-worker2"',
    ],
    [
      'a shard without an index',
      (j) => delete j.shards[0].index,
      'shards[0].index must be an integer >= 0, got nothing',
    ],
    ['a shard without send lag max', (j) => delete j.shards[1].sendLag.max, 'shards[1].sendLag.max must be a number'],
    ['a numeric node name', (j) => (j.shards[0].node = 7), 'shards[0].node must be a string, got 7'],
    [
      'a shard without startAt',
      (j) => (j.shard = { index: 0, count: 2, startLagMs: 1 }),
      'shard.startAt must be an ISO date string, got nothing',
    ],
  ])('refuses %s on one line', (_name, edit, message) => {
    const json = JSON.parse(renderJson(sharded));
    edit(json);
    const attempt = () => validateRunReport(json, 'r.json');
    expect(attempt).toThrow(expect.objectContaining({ code: 'REPORT_INVALID', kind: 'bad-input' }));
    expect(attempt).toThrow(`r.json: ${message}`);
    expect(attempt).toThrow(/^[^\n]*$/);
  });

  it('accepts a report without a load result, and an unmeasured threshold (NaN, null in JSON)', () => {
    const failed = createRunReport({
      run: RUN_INFO,
      failure: { stage: 'cluster', message: 'kind create failed' },
      thresholds: [
        { expression: 'cpu_max<1', metric: 'cpu_max', op: '<', limit: 1, actual: Number.NaN, unit: 'm', passed: false },
      ],
    });
    expect(validateRunReport(JSON.parse(renderJson(failed))).verdict).toBe('infrastructure-failure');
  });

  it('validates parsed JSON directly', () => {
    expect(() => validateRunReport([])).toThrow(/top level must be an object/);
    expect(validateRunReport(JSON.parse(renderJson(report))).verdict).toBe('passed');
  });
});
