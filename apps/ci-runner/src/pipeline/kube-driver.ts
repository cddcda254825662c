import {
  type Cluster,
  createExecutor,
  type Executor,
  type ProvisionedCluster,
  provisionCluster,
} from '@prload/cluster';
import { deployToCluster, type InstalledIngressController, inClusterUrl } from '@prload/deploy';
import { failureDiagnostics, loadKubeConfig, waitForRollouts, waitForWebhookEndpoints } from '@prload/probe';
import { kubernetesResourceSource, kubeWorkloads } from '@prload/resources';
import type { Config } from '../config/schema.js';
import { clusterOptionsOf } from './cluster-options.js';
import { deployOptionsOf } from './deploy-options.js';
import type { Driver } from './driver.js';

export interface KubeDriverContext {
  readonly runId: string;
  readonly log: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @default createExecutor() */
  readonly executor?: Executor;
}

/** Providers `kind`, `kwok` and `existing`: the packages' stages, wired with the config. */
export function kubeDriver(config: Config, context: KubeDriverContext): Driver {
  const { log, env } = context;
  const executor = context.executor ?? createExecutor();
  const apps = config.apps.map((app) => app.name);
  let tools: ProvisionedCluster['tools'] = {};
  let controller: InstalledIngressController | undefined;
  const kubeConfigOf = (cluster: Cluster) => loadKubeConfig(cluster.kubeconfigPath!, cluster.context);

  return {
    async provision(signal) {
      const provisioned = await provisionCluster({
        ...clusterOptionsOf(config, { runId: context.runId, env }),
        executor,
        env,
        log,
        signal,
      });
      tools = provisioned.tools;
      return provisioned.cluster;
    },

    async deploy(cluster, signal) {
      ({ controller } = await deployToCluster(cluster, {
        ...deployOptionsOf(config),
        executor,
        ...(tools.helm ? { helmPath: tools.helm } : {}),
        log,
        signal,
        waitForWebhook: async (webhook, waitSignal) =>
          waitForWebhookEndpoints({
            kubeConfig: await kubeConfigOf(cluster),
            namespace: webhook.namespace,
            serviceName: webhook.service,
            signal: waitSignal,
          }),
      }));
    },

    async waitUntilReady(cluster, signal) {
      await waitForRollouts({
        kubeConfig: await kubeConfigOf(cluster),
        targets: [
          { namespace: cluster.namespace, names: apps },
          ...(controller ? [{ namespace: controller.namespace, names: [controller.deployment] }] : []),
        ],
        timeoutMs: config.ready.timeout,
        signal,
        log,
      });
    },

    async resources(cluster, signal) {
      const workloads = kubeWorkloads({
        namespace: cluster.namespace,
        apps: config.apps,
        ...(controller ? { ingress: controller } : {}),
      });
      const kubeConfig = await kubeConfigOf(cluster);
      return { source: await kubernetesResourceSource({ kubeConfig, workloads, signal }), workloads };
    },

    async shardSite(cluster) {
      return {
        kubeConfig: await kubeConfigOf(cluster),
        namespace: cluster.namespace,
        ingressUrl: controller ? inClusterUrl(controller) : undefined,
      };
    },

    async diagnose(cluster, error) {
      return failureDiagnostics(error, {
        namespace: cluster.namespace,
        deployments: apps,
        ...(cluster.kubeconfigPath === undefined ? {} : { kubeConfig: await kubeConfigOf(cluster) }),
      });
    },
  };
}
