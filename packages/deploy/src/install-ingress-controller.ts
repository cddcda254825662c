import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor, type Executor } from '@prload/cluster';
import { assertChart } from './chart-path.js';
import { type DetectHelmVersionOptions, detectHelmVersion, type HelmMajor } from './helm-version.js';
import type { IngressControllerName } from './ingress-controllers.js';
import { type PlannedController, planController } from './plan-deployment.js';
import { runHelmStep } from './run-helm.js';

export interface InstallIngressControllerOptions {
  /** @default 'nginx' (F5 NGINX Ingress Controller) */
  readonly ingressController?: IngressControllerName;
  /** @default the controller's own: 'nginx', or 'traefik' */
  readonly ingressClassName?: string;
  /** A local chart folder or an `oci://` reference (a mirror). @default the controller's pinned reference */
  readonly ingressChart?: string;
  /** `--version` of a chart reference; ignored for a local folder. @default the controller's pinned version */
  readonly ingressChartVersion?: string;
  /** The controller's image, `repository[:tag][@sha256:<64 hex>]`, mapped onto its chart's image values. @default the chart's own */
  readonly ingressImage?: string;
  /** Runs helm; a recording executor records instead (dry run). @default createExecutor() */
  readonly executor?: Executor;
  /** @default 'helm' */
  readonly helmPath?: string;
  /** @default detected with `helm version --short` */
  readonly helmMajor?: HelmMajor;
  readonly kubeconfigPath?: string;
  readonly kubeContext?: string;
  /** @default a new folder under the OS temp dir */
  readonly valuesDir?: string;
  /** @default 300 */
  readonly timeoutSeconds?: number;
  /** helm waits for the release and rolls it back on failure; `false`: the caller waits (see PlanDeploymentOptions.wait). @default true */
  readonly wait?: boolean;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** What was installed; `admissionWebhook` (when present) must have endpoints before Ingresses are applied. */
export type InstalledIngressController = Omit<PlannedController, 'command' | 'values' | 'valuesFile'>;

/** Installs (or upgrades) the ingress controller configured for kind and waits for it. */
export async function installIngressController(
  options: InstallIngressControllerOptions = {},
): Promise<InstalledIngressController> {
  const executor = options.executor ?? createExecutor();
  const helmMajor = options.helmMajor ?? (await detectHelmVersion(helmOptions(executor, options))).major;
  const valuesDir = options.valuesDir ?? (await mkdtemp(join(tmpdir(), 'prload-values-')));
  const planned = planController({
    ...options,
    helmMajor,
    valuesDir,
    ingressController: options.ingressController ?? 'nginx',
  })!;
  if (planned.localChart) {
    await assertChart(
      planned.chart,
      'set the ingress chart to a chart folder (helm pull --untar) or an oci:// reference',
    );
  }
  const from = planned.localChart ? planned.chart : `${planned.chart} ${planned.version}`;
  options.log?.(`installing ${planned.name} (${from}) into namespace ${planned.namespace}`);
  await runHelmStep(executor, planned, options.timeoutSeconds ?? 300, options.signal);
  const { command: _command, values: _values, valuesFile: _valuesFile, ...installed } = planned;
  return installed;
}

function helmOptions(executor: Executor, options: InstallIngressControllerOptions): DetectHelmVersionOptions {
  return {
    executor,
    ...(options.helmPath ? { helmPath: options.helmPath } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}
