type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Field paths and the type each must have, for the parts of a LoadResult that merging and reports read. */
const REQUIRED: readonly (readonly [path: string, type: 'string' | 'number' | 'boolean' | 'object' | 'array'])[] = [
  ['startedAt', 'string'],
  ['endedAt', 'string'],
  ['seed', 'number'],
  ['valid', 'boolean'],
  ['aborted', 'boolean'],
  ['measuredMs', 'number'],
  ['settings', 'object'],
  ['settings.rate', 'number'],
  ['settings.connections', 'number'],
  ['settings.maxInFlight', 'number'],
  ['settings.targets', 'array'],
  ['summary', 'object'],
  ['summary.requests', 'number'],
  ['summary.errors', 'number'],
  ['summary.errorMessages', 'array'],
  ['hosts', 'object'],
  ['timeSeries', 'array'],
  ['selfCheck', 'object'],
  ['selfCheck.sendLag', 'object'],
  ['selfCheck.sendLag.p99', 'number'],
  ['selfCheck.sendLag.max', 'number'],
  ['selfCheck.eventLoopDelay', 'object'],
  ['histograms', 'object'],
  ['histograms.latency', 'string'],
  ['histograms.serviceTime', 'string'],
  ['histograms.sendLag', 'string'],
  ['histograms.perHost', 'object'],
  ['histograms.perStatusClass', 'object'],
];

const SHARD: typeof REQUIRED = [
  ['shard.index', 'number'],
  ['shard.count', 'number'],
  ['shard.startAt', 'string'],
  ['shard.startLagMs', 'number'],
];

function at(value: Json, path: string): unknown {
  let node: unknown = value;
  for (const key of path.split('.')) node = isObject(node) ? node[key] : undefined;
  return node;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/**
 * What keeps `value` from being a LoadResult of schema version 1, or undefined. It checks the
 * fields `mergeResults` and the reports rely on, not every number.
 */
export function resultShapeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return `expected an object, got ${typeOf(value)}`;
  if (value.schemaVersion !== 1)
    return `schemaVersion must be 1, got ${JSON.stringify(value.schemaVersion) ?? 'nothing'}`;
  for (const [path, type] of value.shard === undefined ? REQUIRED : [...REQUIRED, ...SHARD]) {
    const found = typeOf(at(value, path));
    if (found !== type)
      return `${path} must be ${type === 'array' || type === 'object' ? 'an' : 'a'} ${type}, got ${found}`;
  }
  return undefined;
}
