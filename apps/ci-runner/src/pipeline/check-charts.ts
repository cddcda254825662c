import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { appChartSource } from '@prload/deploy';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';

/**
 * The chart folders a config names hold a chart: a mistyped path is bad input, found before a cluster is
 * created rather than minutes later at the helm step. `oci://` references are left to helm.
 */
export async function checkChartFolders(config: Config, cwd: string): Promise<void> {
  const folders: [key: string, folder: string][] = [];
  const app = config.chart.source;
  if (app !== undefined && app !== 'shipped' && appChartSource(app).local) {
    folders.push(['chart.source (--app-chart)', app]);
  }
  const ingress = config.ingress.chart;
  if (ingress !== undefined && !ingress.startsWith('oci://'))
    folders.push(['ingress.chart (--ingress-chart)', ingress]);

  const problems: string[] = [];
  for (const [key, folder] of folders) {
    try {
      await access(resolve(cwd, folder, 'Chart.yaml'));
    } catch {
      problems.push(
        `${key}: ${folder} holds no Chart.yaml — give a chart folder (helm pull --untar) or an oci:// reference`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
