import { readFile } from 'node:fs/promises';
import { ReportInvalidError, ReportJsonError, ReportReadError, ReportSchemaVersionError } from './errors.js';
import type { RunReport } from './run-report.js';
import { checkLoadResult } from './validate-load-result.js';
import { checkResources, type FailField } from './validate-resources.js';
import { VERDICTS } from './verdict.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks that parsed JSON is a `prload-report.json` of schema version 1. It
 * checks the fields every renderer relies on, not every number, so a report
 * written by a newer minor prload still loads.
 */
export function validateRunReport(json: unknown, source = 'report'): RunReport {
  const fail: FailField = (field, expected, got) => {
    throw new ReportInvalidError(
      `${source}: ${field} must be ${expected}, got ${describe(got)}; regenerate it with \`prload report\` or fix the file`,
    );
  };
  if (!isObject(json)) return fail('the top level', 'an object', json);
  if (json.schemaVersion !== 1) {
    throw new ReportSchemaVersionError(
      `${source}: schemaVersion ${describe(json.schemaVersion)} is not supported (this prload reads schemaVersion 1); use the prload version that wrote it or regenerate the report`,
    );
  }
  if (typeof json.reportId !== 'string' || json.reportId === '') fail('reportId', 'a non-empty string', json.reportId);
  if (!VERDICTS.includes(json.verdict as never)) fail('verdict', `one of ${VERDICTS.join(', ')}`, json.verdict);
  const run = json.run;
  if (!isObject(run)) return fail('run', 'an object', run);
  for (const key of ['runId', 'provider', 'startedAt', 'finishedAt'] as const) {
    if (typeof run[key] !== 'string') fail(`run.${key}`, 'a string', run[key]);
  }
  if (!isObject(run.versions)) fail('run.versions', 'an object', run.versions);
  if (!Array.isArray(json.stages)) fail('stages', 'an array', json.stages);
  if (!Array.isArray(json.thresholds)) fail('thresholds', 'an array', json.thresholds);
  for (const [i, t] of (json.thresholds as unknown[]).entries()) checkThresholdResult(t, `thresholds[${i}]`, fail);
  checkLoadResult(json, fail);
  if (json.failure !== undefined) {
    const f = json.failure;
    if (!isObject(f) || typeof f.stage !== 'string' || typeof f.message !== 'string') {
      fail('failure', 'an object with stage and message', f);
    }
  }
  if (json.resources !== undefined) checkResources(json.resources, fail);
  return json as unknown as RunReport;
}

const OPERATORS: readonly unknown[] = ['<', '<=', '>', '>=', '=='];

/** A row of `@prload/loadgen`'s `ThresholdResult`; `actual` is null in JSON when it was not measured (NaN). */
function checkThresholdResult(value: unknown, field: string, fail: FailField): void {
  if (!isObject(value)) fail(field, 'an object', value);
  const t = value as Json;
  for (const key of ['expression', 'metric'] as const) {
    if (typeof t[key] !== 'string') fail(`${field}.${key}`, 'a string', t[key]);
  }
  if (!OPERATORS.includes(t.op)) fail(`${field}.op`, `one of ${OPERATORS.join(' ')}`, t.op);
  if (typeof t.limit !== 'number') fail(`${field}.limit`, 'a number', t.limit);
  if (typeof t.actual !== 'number' && t.actual !== null) fail(`${field}.actual`, 'a number or null', t.actual);
  if (typeof t.passed !== 'boolean') fail(`${field}.passed`, 'a boolean', t.passed);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Reads and validates a `prload-report.json`. */
export async function readRunReport(path: string): Promise<RunReport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ReportReadError(
      `${path}: cannot read the report (${(cause as NodeJS.ErrnoException).code ?? 'error'}); check the path`,
      {
        cause,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ReportJsonError(
      `${path}: not valid JSON (${(cause as Error).message}); pass the prload-report.json that prload wrote`,
      {
        cause,
      },
    );
  }
  return validateRunReport(json, path);
}
