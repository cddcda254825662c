import { type Cluster, createExecutor, type Executor } from '@prload/cluster';
import type { AppSpec } from './app-values.js';
import { type DeployedApps, deployApps } from './deploy-apps.js';
import { detectHelmVersion, type HelmMajor } from './helm-version.js';
import {
  type AdmissionWebhook,
  DEFAULT_INGRESS_CONTROLLER,
  type IngressControllerName,
} from './ingress-controllers.js';
import { type InstalledIngressController, installIngressController } from './install-ingress-controller.js';
import { type DeploymentPlan, planDeployment } from './plan-deployment.js';

/** What a run deploys into a cluster: the ingress controller (where traffic can flow) and one release per app. */
export interface ClusterDeploymentOptions {
  readonly apps: readonly AppSpec[];
  /** The image every app runs unless it names its own. @default the chart's own pinned hashicorp/http-echo */
  readonly appImage?: string;
  /**
   * `'none'` when the cluster already runs one. A cluster whose pods carry no traffic (kwok) gets none either:
   * nothing could answer through it. @default 'nginx' (F5 NGINX Ingress Controller)
   */
  readonly ingressController?: IngressControllerName | 'none';
  /** @default the controller's own: 'nginx', or 'traefik' */
  readonly ingressClassName?: string;
  /** A local chart folder or an `oci://` reference (a mirror). @default the controller's pinned reference */
  readonly ingressChart?: string;
  /** `--version` of a chart reference; ignored for a local folder. @default the controller's pinned version */
  readonly ingressChartVersion?: string;
  /** The controller's image, `repository[:tag][@sha256:<64 hex>]`. @default the chart's own */
  readonly ingressImage?: string;
  /** @default 'helm' */
  readonly helmPath?: string;
  /**
   * The http-echo chart: `'shipped'` (the copy inside this package), `'published'` (its release on GHCR,
   * {@link PUBLISHED_CHART}), an `oci://` reference (a mirror) or a local chart folder. @default 'shipped'
   */
  readonly chart?: string;
  /** `--version` of an `oci://` chart. @default this package's version (the chart is released with it) */
  readonly chartVersion?: string;
  /** helm `--timeout` per release. @default 300 */
  readonly timeoutSeconds?: number;
  /** helm waits for each release and rolls it back on failure; `false`: the caller waits (see PlanDeploymentOptions.wait). @default true */
  readonly wait?: boolean;
}

export interface DeployToClusterOptions extends ClusterDeploymentOptions {
  /**
   * Waits until the controller's admission webhook has ready endpoints, e.g. with `waitForWebhookEndpoints` of
   * @prload/probe: the API server rejects an Ingress applied before (`failed calling webhook … connection
   * refused`), so the apps are installed only after it resolves. Only called for a controller that has a webhook
   * (ingress-nginx). @default no wait
   */
  readonly waitForWebhook?: (webhook: AdmissionWebhook, signal: AbortSignal | undefined) => Promise<unknown>;
  /** Runs helm; a recording executor records instead. @default createExecutor() */
  readonly executor?: Executor;
  /** @default detected once with `helm version --short` */
  readonly helmMajor?: HelmMajor;
  /** @default a new folder under the OS temp dir per step */
  readonly valuesDir?: string;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface ClusterDeployment {
  /** The controller installed; absent for `'none'` and where the cluster carries no traffic. */
  readonly controller?: InstalledIngressController;
  readonly apps: DeployedApps;
}

/** The controller a cluster gets: none where its pods are simulated (kwok), however configured. */
function controllerFor(cluster: Cluster, options: ClusterDeploymentOptions): IngressControllerName | 'none' {
  return cluster.carriesTraffic ? (options.ingressController ?? DEFAULT_INGRESS_CONTROLLER) : 'none';
}

/** helm's view of the cluster: the run's own kubeconfig and context, the apps' namespace. */
function scopeOf(cluster: Cluster) {
  return {
    namespace: cluster.namespace,
    ...(cluster.kubeconfigPath ? { kubeconfigPath: cluster.kubeconfigPath } : {}),
    ...(cluster.context ? { kubeContext: cluster.context } : {}),
  };
}

/**
 * Deploys into a `Cluster`: the ingress controller first, then (once its admission webhook answers, see
 * `waitForWebhook`) one http-echo release per app, with the controller's IngressClass. helm's major version is
 * detected once for both steps.
 */
export async function deployToCluster(cluster: Cluster, options: DeployToClusterOptions): Promise<ClusterDeployment> {
  const executor = options.executor ?? createExecutor();
  const helmMajor =
    options.helmMajor ??
    (await detectHelmVersion({ executor, helmPath: options.helmPath ?? 'helm', signal: options.signal })).major;
  const { namespace, ...scope } = scopeOf(cluster);
  const common = { ...options, ...scope, executor, helmMajor };
  const name = controllerFor(cluster, options);
  let controller: InstalledIngressController | undefined;
  if (name !== 'none') {
    controller = await installIngressController({ ...common, ingressController: name });
    const webhook = controller.admissionWebhook;
    if (webhook && options.waitForWebhook) {
      options.log?.(
        `waiting for the admission webhook ${webhook.namespace}/${webhook.service} to have ready endpoints`,
      );
      await options.waitForWebhook(webhook, options.signal);
    }
  }
  const ingressClassName = controller?.ingressClassName ?? options.ingressClassName;
  const apps = await deployApps({ ...common, namespace, ...(ingressClassName ? { ingressClassName } : {}) });
  return { ...(controller ? { controller } : {}), apps };
}

/**
 * What `deployToCluster` would run in that cluster, without running it (pure): the same controller rule and
 * helm scope, for a dry run's plan.
 */
export function planClusterDeployment(
  cluster: Cluster,
  options: ClusterDeploymentOptions & { readonly helmMajor: HelmMajor; readonly valuesDir: string },
): DeploymentPlan {
  return planDeployment({ ...options, ...scopeOf(cluster), ingressController: controllerFor(cluster, options) });
}
