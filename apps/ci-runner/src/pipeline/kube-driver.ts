import {
  type Cluster,
  checkPrerequisites,
  connectExistingCluster,
  createExecutor,
  createKindCluster,
  createKwokCluster,
  type Executor,
  PROVIDER_REQUIREMENTS,
  resolveTool,
} from '@prload/cluster';
import {
  deployApps,
  detectHelmVersion,
  type HelmMajor,
  type IngressControllerName,
  type InstalledIngressController,
  installIngressController,
} from '@prload/deploy';
import {
  collectDiagnostics,
  formatDiagnostics,
  loadKubeConfig,
  waitForDeployments,
  waitForWebhookEndpoints,
} from '@prload/probe';
import { type KubeWorkloadSelector, kubernetesResourceSource } from '@prload/resources';
import type { Config } from '../config/schema.js';
import type { Driver } from './driver.js';
import { appImageOf, HELM_APPLIES_ONLY, ingressOptionsOf } from './ingress-options.js';
import { hostPortsOf, kindOptionsOf } from './kind-options.js';

type KubeProvider = 'kind' | 'kwok' | 'existing';
type ToolPaths = { kind?: string; helm?: string; kubectl?: string };

export interface KubeDriverContext {
  readonly runId: string;
  readonly log: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @default createExecutor() */
  readonly executor?: Executor;
}

/** Providers `kind`, `kwok` and `existing`: a real Kubernetes API, Helm releases, readiness by watches. */
export function kubeDriver(config: Config, context: KubeDriverContext): Driver {
  const provider = config.cluster.provider as KubeProvider;
  const executor = context.executor ?? createExecutor();
  const tools: ToolPaths = {};
  let helmMajor: HelmMajor | undefined;
  let controller: InstalledIngressController | undefined;
  const kubeConfigOf = (cluster: Cluster) => loadKubeConfig(cluster.kubeconfigPath!, cluster.context);

  return {
    async provision(signal) {
      // Docker first: without it, downloading kind, helm and kubectl would be wasted time.
      let cgroupV1 = false;
      if (PROVIDER_REQUIREMENTS[provider].includes('docker')) {
        const docker = await checkPrerequisites({
          provider,
          executor,
          requirements: ['docker'],
          env: context.env,
          signal,
        });
        // kubelet >= 1.35 needs failCgroupV1: false on a cgroup v1 host (see kindConfig).
        cgroupV1 = docker.dockerCgroupVersion === 1;
        if (cgroupV1)
          context.log('  Docker runs on cgroup v1: the kind config lets kubelet start there (failCgroupV1: false)');
      }
      const needed = PROVIDER_REQUIREMENTS[provider].filter(
        (r): r is 'kind' | 'helm' | 'kubectl' => r === 'kind' || r === 'helm' || r === 'kubectl',
      );
      for (const name of needed) tools[name] = (await resolveTool(name, { env: context.env, signal, executor })).path;
      const hostPorts = hostPortsOf(config);
      await checkPrerequisites({
        provider,
        executor,
        tools,
        hostPorts,
        env: context.env,
        signal,
        ...(config.cluster.reuse
          ? { requirements: PROVIDER_REQUIREMENTS[provider].filter((r) => r !== 'host-ports') }
          : {}),
      });
      const common = { executor, keep: config.cluster.keep, log: context.log, signal };
      switch (provider) {
        case 'kind':
          return createKindCluster({
            ...common,
            ...kindOptionsOf(config, { cgroupV1 }),
            ...(tools.kind ? { kindPath: tools.kind } : {}),
          });
        case 'kwok':
          return createKwokCluster({
            ...common,
            name: config.cluster.name,
            workers: config.cluster.workers,
            ...(tools.kubectl ? { kubectlPath: tools.kubectl } : {}),
          });
        case 'existing':
          return connectExistingCluster({
            executor,
            keep: config.cluster.keep,
            signal,
            runId: context.runId,
            kubeconfigPath: config.cluster.kubeconfig!,
            ...(config.cluster.context ? { context: config.cluster.context } : {}),
            ...(tools.kubectl ? { kubectlPath: tools.kubectl } : {}),
          });
      }
    },

    async deploy(cluster, signal) {
      const helm = { executor, ...(tools.helm ? { helmPath: tools.helm } : {}) };
      helmMajor = (await detectHelmVersion({ ...helm, signal })).major;
      const kube = {
        ...helm,
        helmMajor,
        ...HELM_APPLIES_ONLY,
        log: context.log,
        signal,
        ...(cluster.kubeconfigPath ? { kubeconfigPath: cluster.kubeconfigPath } : {}),
        ...(cluster.context ? { kubeContext: cluster.context } : {}),
      };
      // Simulated pods carry no traffic, so kwok runs have no ingress controller to install.
      if (cluster.carriesTraffic && config.ingress.controller !== 'none') {
        controller = await installIngressController({
          ...kube,
          ...ingressOptionsOf(config, config.ingress.controller as IngressControllerName),
        });
        const webhook = controller.admissionWebhook;
        if (webhook) {
          // An Ingress applied before the webhook has endpoints is rejected by the API server.
          context.log(
            `  waiting for the admission webhook ${webhook.namespace}/${webhook.service} to have ready endpoints`,
          );
          await waitForWebhookEndpoints({
            kubeConfig: await kubeConfigOf(cluster),
            namespace: webhook.namespace,
            serviceName: webhook.service,
            signal,
          });
        }
      }
      await deployApps({
        ...kube,
        apps: config.apps,
        ...appImageOf(config),
        namespace: cluster.namespace,
        ...(controller ? { ingressClassName: controller.ingressClassName } : {}),
      });
    },

    async waitUntilReady(cluster, signal) {
      const kubeConfig = await kubeConfigOf(cluster);
      const waits = [
        waitForDeployments({
          kubeConfig,
          namespace: cluster.namespace,
          names: config.apps.map((app) => app.name),
          timeoutMs: config.ready.timeout,
          signal,
        }),
      ];
      if (controller)
        waits.push(
          waitForDeployments({
            kubeConfig,
            namespace: controller.namespace,
            names: [controller.deployment],
            timeoutMs: config.ready.timeout,
            signal,
          }),
        );
      const readiness = (await Promise.all(waits)).flat();
      for (const { name, durationMs } of readiness)
        context.log(`  ${name} rolled out after ${(durationMs / 1000).toFixed(1)}s`);
    },

    async resources(cluster, signal) {
      const workloads: KubeWorkloadSelector[] = config.apps.map((app) => ({
        name: app.name,
        role: 'app',
        hosts: [app.host],
        namespace: cluster.namespace,
        deployment: app.name,
      }));
      if (controller)
        workloads.push({
          name: 'ingress',
          role: 'ingress',
          hosts: [],
          namespace: controller.namespace,
          deployment: controller.deployment,
        });
      const kubeConfig = await kubeConfigOf(cluster);
      return { source: await kubernetesResourceSource({ kubeConfig, workloads, signal }), workloads };
    },

    async diagnose(cluster, error) {
      // Readiness errors carry the diagnostics gathered at their deadline.
      const attached = (error as { diagnostics?: Parameters<typeof formatDiagnostics>[0] }).diagnostics;
      if (attached !== undefined) return formatDiagnostics(attached);
      if (cluster.kubeconfigPath === undefined) return undefined;
      const kubeConfig = await kubeConfigOf(cluster);
      return formatDiagnostics(
        await collectDiagnostics({
          kubeConfig,
          namespace: cluster.namespace,
          deployments: config.apps.map((app) => app.name),
        }),
      );
    },
  };
}
