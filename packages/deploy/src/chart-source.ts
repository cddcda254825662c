import type { IngressControllerSpec } from './controllers/controller-spec.js';
import { DeployConfigError } from './errors.js';

/** Where helm takes a chart from, as `helm upgrade --install <release> <chart> [--repo] [--version]` needs it. */
export interface ChartSource {
  /** An `oci://` reference, a name inside `repo`, or a local chart folder. */
  readonly chart: string;
  readonly repo?: string;
  /** `--version`; absent for a local folder, whose Chart.yaml decides. */
  readonly version?: string;
  /** True for a local folder (checked for a Chart.yaml before helm runs). */
  readonly local: boolean;
}

export interface ChartOverride {
  /** A local chart folder or an `oci://` reference (a mirror). @default the spec's pinned reference */
  readonly chart?: string;
  /** The version of a reference; ignored for a local folder. @default the spec's pinned version */
  readonly version?: string;
}

const OCI = /^oci:\/\/[^/\s]+\/\S+$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Why `chart` cannot be an ingress chart (pure; the config schema uses it too), or undefined. */
export function chartReferenceProblem(chart: string): string | undefined {
  if (chart.trim() === '') return 'must not be empty';
  if (SCHEME.test(chart) && !OCI.test(chart)) {
    return 'must be a local chart folder or an oci://<registry>/<path> reference';
  }
  return undefined;
}

/**
 * The chart a controller is installed from: its pinned reference, a mirror's `oci://`
 * reference (with the pinned version unless another is given), or a local folder
 * (no `--repo`, no `--version`: an air-gapped runner's unpacked `helm pull`).
 */
export function controllerChartSource(spec: IngressControllerSpec, override: ChartOverride = {}): ChartSource {
  if (override.version !== undefined && override.version.trim() === '') {
    throw new DeployConfigError('deploy.ingressChartVersion: must not be empty');
  }
  if (override.chart === undefined) {
    return {
      chart: spec.chart,
      ...(spec.repo ? { repo: spec.repo } : {}),
      version: override.version ?? spec.version,
      local: false,
    };
  }
  const problem = chartReferenceProblem(override.chart);
  if (problem) throw new DeployConfigError(`deploy.ingressChart: ${problem}, got ${JSON.stringify(override.chart)}`);
  if (OCI.test(override.chart))
    return { chart: override.chart, version: override.version ?? spec.version, local: false };
  return { chart: override.chart, local: true };
}
