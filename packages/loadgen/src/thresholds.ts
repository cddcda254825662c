import { ThresholdSyntaxError } from './errors.js';

export type ThresholdOp = '<' | '<=' | '>' | '>=';

/**
 * What a threshold measures, and the unit of its `limit` and `actual`:
 * latency metrics (`p95`, `p99.9`, `max`, `mean`) in milliseconds of latency from the planned send time,
 * `error_rate` in percent, `rate` in percent of the target rate (`rate>=99%`) or in req/s (`rate>=500/s`).
 */
export type ThresholdUnit = 'ms' | '%' | 'req/s';

export interface Threshold {
  /** As written, trimmed. */
  readonly expression: string;
  /** Limits one host's stats; absent for the whole run. */
  readonly host?: string;
  /** `p95`, `p99.9`, `max`, `mean`, `error_rate` or `rate`. */
  readonly metric: string;
  /** For pNN metrics, the percentile (0 < p <= 100). */
  readonly percentile?: number;
  readonly op: ThresholdOp;
  /** In `unit`. */
  readonly limit: number;
  readonly unit: ThresholdUnit;
}

// The scope is greedy, so the metric is what follows the last ':' and a host may carry a port.
const SHAPE =
  /^(?:(?<scope>.*):)?(?<metric>[A-Za-z_][A-Za-z0-9_.]*)(?:\s+(?<regression>regression))?\s*(?<op><=|>=|==|=|<|>)\s*(?<value>.*)$/i;

/**
 * The grammar every prload threshold shares: `[scope:]metric [regression] op limit`. A load threshold
 * gates the run (`foo.localhost:p99<500ms`), a resource threshold its measured usage
 * (`foo:cpu_max<500m`), and a regression threshold, marked by the word `regression`, its change
 * against a baseline (`p95 regression > 10%`).
 */
export interface ThresholdShape {
  /** The text before the last `:` (a host, or for resource metrics a workload), trimmed. */
  readonly scope?: string;
  /** Lower-cased. */
  readonly metric: string;
  /** Written with `regression` between metric and operator: compared against a baseline, not gating the run alone. */
  readonly regression: boolean;
  /** `=` is read as `==`. */
  readonly op: ThresholdOp | '==';
  /** The limit as written, trimmed. */
  readonly limit: string;
}

/** Whether a measured value meets a threshold's comparison: the one meaning of every prload threshold's operator. */
export function meetsThreshold(actual: number, op: ThresholdShape['op'], limit: number): boolean {
  switch (op) {
    case '<':
      return actual < limit;
    case '<=':
      return actual <= limit;
    case '>':
      return actual > limit;
    case '>=':
      return actual >= limit;
    case '==':
      return actual === limit;
  }
}

/** Splits a threshold into scope, metric, operator and limit; undefined when it has no metric and comparison. */
export function parseThresholdShape(expression: string): ThresholdShape | undefined {
  const m = SHAPE.exec(expression.trim());
  if (!m?.groups) return undefined;
  const scope = m.groups['scope']?.trim();
  const op = m.groups['op']!;
  return {
    ...(scope === undefined ? {} : { scope }),
    metric: m.groups['metric']!.toLowerCase(),
    regression: m.groups['regression'] !== undefined,
    op: op === '=' ? '==' : (op as ThresholdOp | '=='),
    limit: m.groups['value']!.trim(),
  };
}

/** Whether a threshold's scope can name a host (`foo.localhost`, `api.localhost:8080`): load and regression thresholds alike. */
export function isThresholdHost(scope: string): boolean {
  return scope !== '' && !/[\s<>=]/.test(scope);
}
const VALUE = /^(?<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(?<unit>.*)$/i;
const LATENCY_UNITS: Record<string, number> = { ms: 1, s: 1000, us: 0.001, µs: 0.001 };
const METRICS = 'pNN (e.g. p95, p99.9), max, mean, error_rate or rate';

function parseNumber(expression: string, text: string): { value: number; unit: string } {
  if (text === '') throw new ThresholdSyntaxError(expression, 'missing a limit after the operator, e.g. p95<200ms');
  const m = VALUE.exec(text);
  if (!m?.groups) throw new ThresholdSyntaxError(expression, `limit "${text}" is not a number`);
  const value = Number(m.groups['number']);
  if (!Number.isFinite(value)) throw new ThresholdSyntaxError(expression, `limit "${text}" is not a finite number`);
  return { value, unit: m.groups['unit']!.trim() };
}

function latencyLimit(expression: string, text: string): number {
  const { value, unit } = parseNumber(expression, text);
  if (unit === '') throw new ThresholdSyntaxError(expression, `limit "${text}" needs a unit: ms, s or us`);
  const scale = LATENCY_UNITS[unit];
  if (scale === undefined) throw new ThresholdSyntaxError(expression, `unknown unit "${unit}"; use ms, s or us`);
  if (value < 0) throw new ThresholdSyntaxError(expression, 'a latency limit cannot be negative');
  return value * scale;
}

/** Parses one k6-style expression such as `p95<200ms`, `error_rate<1%`, `rate>=99%` or `foo.localhost:p99<500ms`. */
export function parseThreshold(expression: string): Threshold {
  if (typeof expression !== 'string') throw new ThresholdSyntaxError(String(expression), 'must be a string');
  const text = expression.trim();
  if (text === '') throw new ThresholdSyntaxError(expression, 'is empty; write e.g. p95<200ms');
  const shape = parseThresholdShape(text);
  if (!shape) {
    throw new ThresholdSyntaxError(
      text,
      `no metric and comparison found; write e.g. p95<200ms with a metric of ${METRICS}`,
    );
  }
  if (shape.regression) {
    throw new ThresholdSyntaxError(
      text,
      'is a regression threshold, compared with a baseline run by @prload/report, not a load threshold',
    );
  }
  const host = shape.scope;
  if (host !== undefined && !isThresholdHost(host)) {
    throw new ThresholdSyntaxError(text, `host before ':' must be a host name, got "${host}"`);
  }
  const { metric, limit: valueText } = shape;
  if (shape.op === '==') throw new ThresholdSyntaxError(text, 'equality is not a threshold; use <, <=, > or >=');
  const op = shape.op;
  const base = { expression: text, ...(host === undefined ? {} : { host }), op };

  const percentile = /^p(\d+(?:\.\d+)?)$/.exec(metric);
  if (percentile) {
    const p = Number(percentile[1]);
    if (!(p > 0 && p <= 100))
      throw new ThresholdSyntaxError(text, `percentile ${percentile[1]} is out of range; use p1..p100`);
    return { ...base, metric, percentile: p, limit: latencyLimit(text, valueText), unit: 'ms' };
  }
  if (metric === 'max' || metric === 'mean' || metric === 'avg') {
    return { ...base, metric: metric === 'avg' ? 'mean' : metric, limit: latencyLimit(text, valueText), unit: 'ms' };
  }
  if (metric === 'error_rate') {
    const { value, unit } = parseNumber(text, valueText);
    if (unit === '%') {
      if (value < 0 || value > 100) throw new ThresholdSyntaxError(text, 'error_rate must be between 0% and 100%');
      return { ...base, metric, limit: value, unit: '%' };
    }
    if (unit !== '')
      throw new ThresholdSyntaxError(text, `unknown unit "${unit}" for error_rate; use % (1%) or a fraction (0.01)`);
    if (value < 0 || value > 1) {
      throw new ThresholdSyntaxError(
        text,
        `a bare error_rate is a fraction 0..1, got ${value}; write ${value}% for percent`,
      );
    }
    return { ...base, metric, limit: value * 100, unit: '%' };
  }
  if (metric === 'rate') {
    const { value, unit } = parseNumber(text, valueText);
    if (value < 0) throw new ThresholdSyntaxError(text, 'rate cannot be negative');
    if (unit === '%') return { ...base, metric, limit: value, unit: '%' };
    if (unit === '' || unit === '/s' || unit === 'rps' || unit === 'req/s')
      return { ...base, metric, limit: value, unit: 'req/s' };
    throw new ThresholdSyntaxError(
      text,
      `unknown unit "${unit}" for rate; use % of the target rate (99%) or req/s (500/s)`,
    );
  }
  throw new ThresholdSyntaxError(text, `unknown metric "${metric}"; use ${METRICS}`);
}

/** Parses every expression; the first bad one throws. */
export function parseThresholds(expressions: readonly string[]): Threshold[] {
  return expressions.map(parseThreshold);
}
