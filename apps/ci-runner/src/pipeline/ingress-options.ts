import type { IngressControllerName } from '@prload/deploy';
import type { Config } from '../config/schema.js';

/** The controller's install options (chart, version, image overrides) from the config; shared by a run and `--dry-run`. */
export function ingressOptionsOf(config: Config, controller: IngressControllerName) {
  const { chart, chartVersion, image } = config.ingress;
  return {
    ingressController: controller,
    ...(chart !== undefined ? { ingressChart: chart } : {}),
    ...(chartVersion !== undefined ? { ingressChartVersion: chartVersion } : {}),
    ...(image !== undefined ? { ingressImage: image } : {}),
  };
}

/** The deployment-wide app image (`chart.image`); each app's own `image` travels with the app. */
export function appImageOf(config: Config): { appImage?: string } {
  return config.chart.image !== undefined ? { appImage: config.chart.image } : {};
}

/**
 * helm only applies the releases: the pipeline waits for the rollouts itself, by watches, within `ready.timeout`
 * (waitUntilReady). helm's own wait would roll a failed first install back, deleting the very pods and events the
 * diagnostics name. Shared by a run and `--dry-run`.
 */
export const HELM_APPLIES_ONLY = { wait: false } as const;
