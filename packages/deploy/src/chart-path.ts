import { existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChartNotFoundError } from './errors.js';

/**
 * The http-echo chart. Its one source is `charts/http-echo` at the repository root; the package's
 * `chart` script copies it to `packages/deploy/chart/http-echo` on every build and before `npm pack`,
 * so the installed package carries it beside `dist`. This file sits one level below the package root
 * (`src` or `dist`), so `../chart/http-echo` is the copy, installed or in a built workspace. Before a
 * first build the copy is absent: then the checkout's `charts/http-echo`, three levels up, is the chart.
 */
export function defaultChartPath(): string {
  const shipped = fileURLToPath(new URL('../chart/http-echo', import.meta.url));
  if (existsSync(join(shipped, 'Chart.yaml'))) return shipped;
  return fileURLToPath(new URL('../../../charts/http-echo', import.meta.url));
}

/** Fails early, before any helm command, when the folder `chartPath` holds no chart; `fix` says what to pass instead. */
export async function assertChart(
  chartPath: string,
  fix = "pass chart: a folder holding prload's charts/http-echo, or 'published'",
): Promise<void> {
  try {
    await access(join(chartPath, 'Chart.yaml'));
  } catch (cause) {
    throw new ChartNotFoundError(`chart ${chartPath}: no Chart.yaml there — ${fix}`, { cause });
  }
}
