type Json = Record<string, unknown>;

/** Reports a field of the wrong shape; throws. */
export type FailField = (field: string, expected: string, got: unknown) => never;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks `resources` of a report: the fields the renderers walk (names, summaries, pods, series,
 * warnings). Figures inside a summary are not checked one by one: a missing one renders as `–`.
 */
export function checkResources(value: unknown, fail: FailField): void {
  if (!isObject(value)) fail('resources', 'an object', value);
  if (typeof value.source !== 'string') fail('resources.source', 'a string', value.source);
  if (typeof value.intervalMs !== 'number') fail('resources.intervalMs', 'a number', value.intervalMs);
  if (value.unavailable !== undefined && typeof value.unavailable !== 'string') {
    fail('resources.unavailable', 'a string', value.unavailable);
  }
  if (!Array.isArray(value.warnings)) fail('resources.warnings', 'an array', value.warnings);
  if (!Array.isArray(value.workloads)) fail('resources.workloads', 'an array', value.workloads);
  for (const [i, workload] of (value.workloads as unknown[]).entries()) {
    const field = `resources.workloads[${i}]`;
    if (!isObject(workload)) fail(field, 'an object', workload);
    checkUsage(workload, field, fail);
    if (typeof workload.role !== 'string') fail(`${field}.role`, 'a string', workload.role);
    if (!Array.isArray(workload.pods)) fail(`${field}.pods`, 'an array', workload.pods);
    for (const [j, pod] of (workload.pods as unknown[]).entries()) {
      if (!isObject(pod)) fail(`${field}.pods[${j}]`, 'an object', pod);
      checkUsage(pod, `${field}.pods[${j}]`, fail);
    }
  }
  const generator = value.generator;
  if (generator !== undefined) {
    if (!isObject(generator)) fail('resources.generator', 'an object', generator);
    if (!Array.isArray(generator.series)) fail('resources.generator.series', 'an array', generator.series);
  }
}

function checkUsage(usage: Json, field: string, fail: FailField): void {
  if (typeof usage.name !== 'string') fail(`${field}.name`, 'a string', usage.name);
  if (!isObject(usage.summary)) fail(`${field}.summary`, 'an object', usage.summary);
  if (!Array.isArray(usage.series)) fail(`${field}.series`, 'an array', usage.series);
}
