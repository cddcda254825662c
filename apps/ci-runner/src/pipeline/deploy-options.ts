import type { ClusterDeploymentOptions } from '@prload/deploy';
import type { Config } from '../config/schema.js';

/**
 * What a run deploys, from the config; a run and `--dry-run` both build it here. helm only applies the releases
 * (`wait: false`): the pipeline waits for the rollouts itself, by watches, within `ready.timeout`
 * (waitUntilReady). helm's own wait would roll a failed first install back, deleting the very pods and events
 * the diagnostics name.
 */
export function deployOptionsOf(config: Config): ClusterDeploymentOptions {
  const { chart, chartVersion, image, controller } = config.ingress;
  return {
    apps: config.apps,
    ...(config.chart.source !== undefined ? { chart: config.chart.source } : {}),
    ...(config.chart.version !== undefined ? { chartVersion: config.chart.version } : {}),
    ...(config.chart.image !== undefined ? { appImage: config.chart.image } : {}),
    ingressController: controller,
    ...(chart !== undefined ? { ingressChart: chart } : {}),
    ...(chartVersion !== undefined ? { ingressChartVersion: chartVersion } : {}),
    ...(image !== undefined ? { ingressImage: image } : {}),
    wait: false,
  };
}
