import type { RunReport } from './run-report.js';

/**
 * The report as JSON with `schemaVersion` first and every other key sorted,
 * so two renders of the same report are byte-identical and diff cleanly.
 */
export function renderJson(report: RunReport): string {
  const { schemaVersion, ...rest } = report;
  return `${JSON.stringify({ schemaVersion, ...(sortKeys(rest) as object) }, null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) sorted[key] = sortKeys(entry);
  }
  return sorted;
}
