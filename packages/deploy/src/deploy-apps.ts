import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor, type Executor } from '@prload/cluster';
import { appChartSource } from './app-chart.js';
import type { AppSpec } from './app-values.js';
import { assertChart } from './chart-path.js';
import { HelmError, HelmReleasesError } from './errors.js';
import { detectHelmVersion, type HelmMajor } from './helm-version.js';
import { type PlannedRelease, planApps } from './plan-deployment.js';
import { runHelm, writeValuesFile } from './run-helm.js';

export interface DeployAppsOptions {
  readonly apps: readonly AppSpec[];
  /** The cluster's namespace for apps (`Cluster.namespace`). */
  readonly namespace: string;
  /** Runs helm; a recording executor records instead (dry run). @default createExecutor() */
  readonly executor?: Executor;
  /** @default 'helm' */
  readonly helmPath?: string;
  /** @default detected with `helm version --short` */
  readonly helmMajor?: HelmMajor;
  /**
   * The http-echo chart: `'shipped'` (the copy inside this package), `'published'` (its release on GHCR,
   * {@link PUBLISHED_CHART}), an `oci://` reference (a mirror) or a local chart folder. @default 'shipped'
   */
  readonly chart?: string;
  /** `--version` of an `oci://` chart. @default this package's version (the chart is released with it) */
  readonly chartVersion?: string;
  /** IngressClass of the apps' Ingresses (the installed controller's `ingressClassName`). @default 'nginx' */
  readonly ingressClassName?: string;
  /**
   * The image every app runs unless it names its own (`AppSpec.image`): `repository[:tag][@sha256:<64 hex>]`,
   * e.g. from a mirror or loaded into the nodes. @default the chart's own pinned hashicorp/http-echo
   */
  readonly appImage?: string;
  readonly kubeconfigPath?: string;
  readonly kubeContext?: string;
  /** @default a new folder under the OS temp dir */
  readonly valuesDir?: string;
  /** helm `--timeout` per release. @default 300 */
  readonly timeoutSeconds?: number;
  /** helm waits for the release and rolls it back on failure; `false`: the caller waits (see PlanDeploymentOptions.wait). @default true */
  readonly wait?: boolean;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface DeployedApps {
  readonly releases: readonly PlannedRelease[];
  readonly helmMajor: HelmMajor;
  readonly valuesDir: string;
}

/**
 * Installs one http-echo release per app, all in parallel, each waiting for
 * its pods and rolled back if it fails. Every release is attempted; failures
 * are reported together in one HelmReleasesError.
 */
export async function deployApps(options: DeployAppsOptions): Promise<DeployedApps> {
  const executor = options.executor ?? createExecutor();
  const source = appChartSource(options.chart, options.chartVersion);
  if (source.local) await assertChart(source.chart);
  const helmMajor =
    options.helmMajor ??
    (
      await detectHelmVersion({
        executor,
        helmPath: options.helmPath ?? 'helm',
        ...(options.signal ? { signal: options.signal } : {}),
      })
    ).major;
  const valuesDir = options.valuesDir ?? (await mkdtemp(join(tmpdir(), 'prload-values-')));
  const releases = planApps({ ...options, helmMajor, valuesDir });
  const timeout = options.timeoutSeconds ?? 300;

  // Every values file first: the installs then start in the apps' order, as planDeployment lists them,
  // instead of in the order their file writes happen to finish.
  await Promise.all(releases.map(writeValuesFile));
  const outcomes = await Promise.allSettled(
    releases.map(async (release) => {
      options.log?.(`installing ${release.release} (${release.host}) into namespace ${release.namespace}`);
      await runHelm(executor, release, timeout, options.signal);
    }),
  );
  options.signal?.throwIfAborted();
  const failures: HelmError[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') {
      if (!(outcome.reason instanceof HelmError)) throw outcome.reason;
      failures.push(outcome.reason);
    }
  }
  if (failures.length > 0) throw new HelmReleasesError(failures, releases.length);
  return { releases, helmMajor, valuesDir };
}
