import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChartNotFoundError } from './errors.js';

/**
 * The chart lives once, in `charts/http-echo` at the repository root, and is
 * not copied into the npm package: this file sits in `packages/deploy/src` or
 * `packages/deploy/dist`, three levels below the root, so the default works
 * when prload runs from the workspace. Installed elsewhere, pass `chartPath`.
 */
export function defaultChartPath(): string {
  return fileURLToPath(new URL('../../../charts/http-echo', import.meta.url));
}

/** Fails early, before any helm command, when `chartPath` holds no chart; `fix` says what to pass instead. */
export async function assertChart(
  chartPath: string,
  fix = "pass chartPath pointing at prload's charts/http-echo",
): Promise<void> {
  try {
    await access(join(chartPath, 'Chart.yaml'));
  } catch (cause) {
    throw new ChartNotFoundError(`chart ${chartPath}: no Chart.yaml there — ${fix}`, { cause });
  }
}
