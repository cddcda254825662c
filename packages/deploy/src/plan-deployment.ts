import { join } from 'node:path';
import type { Command } from '@prload/cluster';
import { appChartSource } from './app-chart.js';
import { type AppSpec, appValues, checkReleaseName } from './app-values.js';
import { controllerChartSource } from './chart-source.js';
import { DeployConfigError } from './errors.js';
import { clusterFlags, waitFlags } from './helm-flags.js';
import type { HelmMajor } from './helm-version.js';
import { parseImageReference } from './image-reference.js';
import {
  type AdmissionWebhook,
  type ControllerService,
  DEFAULT_INGRESS_CONTROLLER,
  type IngressControllerName,
  ingressControllers,
} from './ingress-controllers.js';

export interface PlanDeploymentOptions {
  readonly apps: readonly AppSpec[];
  /** Namespace of the app releases (the cluster's). */
  readonly namespace: string;
  /** Where the generated values files are (or would be) written. */
  readonly valuesDir: string;
  /** helm 3 and 4 take different wait/rollback flags (see detectHelmVersion). */
  readonly helmMajor: HelmMajor;
  /** `'none'` when the cluster already runs an ingress controller. @default 'nginx' (F5 NGINX Ingress Controller) */
  readonly ingressController?: IngressControllerName | 'none';
  /** IngressClass the controller creates and the apps' Ingresses use. @default the controller's own: 'nginx', or 'traefik' */
  readonly ingressClassName?: string;
  /** The controller's chart: a local chart folder or an `oci://` reference (a mirror). @default its pinned reference */
  readonly ingressChart?: string;
  /** `--version` of the controller's chart reference; ignored for a local folder. @default its pinned version */
  readonly ingressChartVersion?: string;
  /** The controller's image, `repository[:tag][@sha256:<64 hex>]`. @default the chart's own image */
  readonly ingressImage?: string;
  /** The image every app runs unless it names its own (`AppSpec.image`). @default the chart's own pinned hashicorp/http-echo */
  readonly appImage?: string;
  /** @default 'helm' */
  readonly helmPath?: string;
  /**
   * The http-echo chart: `'shipped'` (the copy inside this package), `'published'` (its release on GHCR,
   * {@link PUBLISHED_CHART}), an `oci://` reference (a mirror) or a local chart folder. @default 'shipped'
   */
  readonly chart?: string;
  /** `--version` of an `oci://` chart. @default this package's version (the chart is released with it) */
  readonly chartVersion?: string;
  /** The run's kubeconfig (`Cluster.kubeconfigPath`). @default helm's own lookup */
  readonly kubeconfigPath?: string;
  /** `Cluster.context`. @default the kubeconfig's current context */
  readonly kubeContext?: string;
  /** helm `--timeout` per release. @default 300 */
  readonly timeoutSeconds?: number;
  /**
   * helm waits for each release and undoes it on failure (see waitFlags). With `false` helm only applies the
   * objects and the caller waits, as prload's pipeline does with watches: a failed release then keeps its pods
   * and events for diagnostics instead of being rolled back (a first install's rollback deletes them). @default true
   */
  readonly wait?: boolean;
}

export interface PlannedController {
  readonly name: IngressControllerName;
  readonly release: string;
  /** The chart helm installs: the pinned reference, an `oci://` mirror or a local folder (`ingressChart`). */
  readonly chart: string;
  readonly repo?: string;
  /** `--version`; absent for a local chart folder, whose Chart.yaml decides. */
  readonly version?: string;
  /** True when `chart` is a local folder. */
  readonly localChart: boolean;
  readonly namespace: string;
  readonly deployment: string;
  /** The Service in `namespace` that forwards plain HTTP to the controller (see inClusterUrl). */
  readonly service: ControllerService;
  readonly ingressClassName: string;
  readonly admissionWebhook?: AdmissionWebhook;
  readonly values: Record<string, unknown>;
  readonly valuesFile: string;
  readonly command: Command;
}

export interface PlannedRelease {
  readonly release: string;
  readonly namespace: string;
  readonly host: string;
  readonly values: Record<string, unknown>;
  readonly valuesFile: string;
  readonly command: Command;
}

export interface DeploymentPlan {
  readonly controller?: PlannedController;
  readonly apps: readonly PlannedRelease[];
  /** Every command in order: the controller first, then the apps (which then run in parallel). */
  readonly commands: readonly Command[];
}

/**
 * Everything a deployment will run, without running it (pure): each helm
 * command with its arguments and each release's values. `prload run --dry-run`
 * prints this; installIngressController and deployApps execute it.
 */
export function planDeployment(options: PlanDeploymentOptions): DeploymentPlan {
  const controller = planController(options);
  const apps = planApps({
    ...options,
    ...(controller && options.ingressClassName === undefined ? { ingressClassName: controller.ingressClassName } : {}),
  });
  return {
    ...(controller ? { controller } : {}),
    apps,
    commands: [...(controller ? [controller.command] : []), ...apps.map((app) => app.command)],
  };
}

type CommonOptions = Omit<PlanDeploymentOptions, 'apps' | 'namespace'>;

function commonFlags(options: CommonOptions): string[] {
  const timeout = options.timeoutSeconds ?? 300;
  if (!Number.isInteger(timeout) || timeout < 1) {
    throw new DeployConfigError(`deploy.timeoutSeconds: must be a positive integer, got ${timeout}`);
  }
  const wait = options.wait === false ? ['--timeout', `${timeout}s`] : waitFlags(options.helmMajor, timeout);
  return [...wait, ...clusterFlags(options.kubeconfigPath, options.kubeContext)];
}

/** The ingress controller's release, or undefined for `ingressController: 'none'`. */
export function planController(options: CommonOptions): PlannedController | undefined {
  const controllerName = options.ingressController ?? DEFAULT_INGRESS_CONTROLLER;
  if (controllerName === 'none') return undefined;
  const spec = ingressControllers[controllerName];
  if (!spec) {
    throw new DeployConfigError(
      `deploy.ingressController: must be one of ${Object.keys(ingressControllers).join(', ')} or none, got ${JSON.stringify(controllerName)}`,
    );
  }
  const ingressClassName = options.ingressClassName ?? spec.defaultIngressClassName;
  const source = controllerChartSource(spec, {
    ...(options.ingressChart !== undefined ? { chart: options.ingressChart } : {}),
    ...(options.ingressChartVersion !== undefined ? { version: options.ingressChartVersion } : {}),
  });
  const image =
    options.ingressImage === undefined ? undefined : parseImageReference(options.ingressImage, 'deploy.ingressImage');
  const valuesFile = join(options.valuesDir, 'ingress-controller.values.yaml');
  return {
    name: spec.name,
    release: spec.release,
    chart: source.chart,
    ...(source.repo ? { repo: source.repo } : {}),
    ...(source.version ? { version: source.version } : {}),
    localChart: source.local,
    namespace: spec.namespace,
    deployment: spec.deployment,
    service: spec.service,
    ingressClassName,
    ...(spec.admissionWebhook ? { admissionWebhook: spec.admissionWebhook } : {}),
    values: spec.values({ ingressClassName, ...(image ? { image } : {}) }),
    valuesFile,
    command: {
      file: options.helmPath ?? 'helm',
      args: [
        'upgrade',
        '--install',
        spec.release,
        source.chart,
        ...(source.repo ? ['--repo', source.repo] : []),
        ...(source.version ? ['--version', source.version] : []),
        '--namespace',
        spec.namespace,
        '--create-namespace',
        '--values',
        valuesFile,
        ...commonFlags(options),
      ],
    },
  };
}

/** One release per app, each with its values file and command. */
export function planApps(options: Omit<PlanDeploymentOptions, 'ingressController'>): PlannedRelease[] {
  const flags = commonFlags(options);
  const ingressClassName = options.ingressClassName ?? 'nginx';
  const source = appChartSource(options.chart, options.chartVersion);
  const seenHosts = new Map<string, string>();
  const seenNames = new Set<string>();
  return options.apps.map((app): PlannedRelease => {
    checkReleaseName(`apps.${app.name}.name`, app.name);
    if (seenNames.has(app.name))
      throw new DeployConfigError(`apps: ${app.name} is listed twice — app names must be unique`);
    seenNames.add(app.name);
    const other = seenHosts.get(app.host);
    if (other)
      throw new DeployConfigError(
        `apps.${app.name}.host: ${app.host} is also ${other}'s host — each app needs its own`,
      );
    seenHosts.set(app.host, app.name);
    const valuesFile = join(options.valuesDir, `app-${app.name}.values.yaml`);
    return {
      release: app.name,
      namespace: options.namespace,
      host: app.host,
      values: appValues(app, ingressClassName, options.appImage),
      valuesFile,
      command: {
        file: options.helmPath ?? 'helm',
        args: [
          'upgrade',
          '--install',
          app.name,
          source.chart,
          ...(source.version !== undefined ? ['--version', source.version] : []),
          '--namespace',
          options.namespace,
          '--create-namespace',
          '--values',
          valuesFile,
          ...flags,
        ],
      },
    };
  });
}
