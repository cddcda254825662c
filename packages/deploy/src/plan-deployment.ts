import { join } from 'node:path';
import type { Command } from '@prload/cluster';
import { type AppSpec, appValues, checkReleaseName } from './app-values.js';
import { defaultChartPath } from './chart-path.js';
import { DeployConfigError } from './errors.js';
import { clusterFlags, waitFlags } from './helm-flags.js';
import type { HelmMajor } from './helm-version.js';
import {
  type AdmissionWebhook,
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
  /** IngressClass the controller creates and the apps' Ingresses use. @default 'nginx' */
  readonly ingressClassName?: string;
  /** @default 'helm' */
  readonly helmPath?: string;
  /** @default defaultChartPath() (charts/http-echo in the workspace) */
  readonly chartPath?: string;
  /** The run's kubeconfig (`Cluster.kubeconfigPath`). @default helm's own lookup */
  readonly kubeconfigPath?: string;
  /** `Cluster.context`. @default the kubeconfig's current context */
  readonly kubeContext?: string;
  /** helm `--timeout` per release. @default 300 */
  readonly timeoutSeconds?: number;
}

export interface PlannedController {
  readonly name: IngressControllerName;
  readonly release: string;
  readonly chart: string;
  readonly repo?: string;
  readonly version: string;
  readonly namespace: string;
  readonly deployment: string;
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
  const apps = planApps(options);
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
  return [...waitFlags(options.helmMajor, timeout), ...clusterFlags(options.kubeconfigPath, options.kubeContext)];
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
  const ingressClassName = options.ingressClassName ?? 'nginx';
  const valuesFile = join(options.valuesDir, 'ingress-controller.values.yaml');
  return {
    name: spec.name,
    release: spec.release,
    chart: spec.chart,
    ...(spec.repo ? { repo: spec.repo } : {}),
    version: spec.version,
    namespace: spec.namespace,
    deployment: spec.deployment,
    ingressClassName,
    ...(spec.admissionWebhook ? { admissionWebhook: spec.admissionWebhook } : {}),
    values: spec.values({ ingressClassName }),
    valuesFile,
    command: {
      file: options.helmPath ?? 'helm',
      args: [
        'upgrade',
        '--install',
        spec.release,
        spec.chart,
        ...(spec.repo ? ['--repo', spec.repo] : []),
        '--version',
        spec.version,
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
  const chartPath = options.chartPath ?? defaultChartPath();
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
      values: appValues(app, ingressClassName),
      valuesFile,
      command: {
        file: options.helmPath ?? 'helm',
        args: [
          'upgrade',
          '--install',
          app.name,
          chartPath,
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
