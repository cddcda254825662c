import { readFileSync } from 'node:fs';
import { defaultChartPath } from './chart-path.js';
import { type ChartSource, chartReferenceProblem } from './chart-source.js';
import { DeployConfigError } from './errors.js';

/** This package's version: the published chart carries it (the release workflow pushes both from one tag). */
const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Where the release workflow pushes the http-echo chart (`helm push … oci://ghcr.io/prload/charts`). */
export const PUBLISHED_CHART = 'oci://ghcr.io/prload/charts/http-echo';

/**
 * The http-echo chart the apps are installed from:
 * - `shipped` (default): the copy inside this package (`defaultChartPath()`), nothing fetched;
 * - `published`: {@link PUBLISHED_CHART} at this package's version, for installs that would rather pull
 *   the released chart than carry it (a proxy-cached registry, a chart signature check);
 * - an `oci://` reference (a mirror of the published chart), at `version` or this package's;
 * - a local chart folder (a fork of the chart).
 */
export function appChartSource(chart = 'shipped', version?: string): ChartSource {
  if (version !== undefined && version.trim() === '')
    throw new DeployConfigError('deploy.chartVersion: must not be empty');
  if (chart === 'shipped') return { chart: defaultChartPath(), local: true };
  if (chart === 'published') return { chart: PUBLISHED_CHART, version: version ?? VERSION, local: false };
  const problem = chartReferenceProblem(chart);
  if (problem) throw new DeployConfigError(`deploy.chart: ${problem}, got ${JSON.stringify(chart)}`);
  if (chart.startsWith('oci://')) return { chart, version: version ?? VERSION, local: false };
  return { chart, local: true };
}
