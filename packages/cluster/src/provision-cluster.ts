import type { Cluster } from './cluster.js';
import { type ClusterOptions, createCluster } from './create-cluster.js';
import { createExecutor } from './exec.js';
import { checkKubeconfig } from './existing/connect-existing-cluster.js';
import { DEFAULT_HOST_PORTS } from './kind/kind-config.js';
import { defaultKwokBinDir } from './kwok/kwok-binaries.js';
import { checkPrerequisites, PROVIDER_REQUIREMENTS, type Requirement } from './prerequisites/check-prerequisites.js';
import { resolveTool } from './tools/resolve-tool.js';
import type { ToolName } from './tools/tool-versions.js';

/** A provider's options (see ClusterOptions), and where to look for what it needs. */
export type ProvisionClusterOptions = ClusterOptions & {
  /**
   * Where the tools (`PRLOAD_KIND`, `PRLOAD_HELM`, `PRLOAD_KUBECTL`, PATH, `PRLOAD_CACHE_DIR`), docker and kwok's
   * binaries (`PRLOAD_K8S_BIN_DIR`) are looked up. @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Progress lines: the Docker host's cgroup version, then the provider's own. @default no output */
  readonly log?: (line: string) => void;
};

export interface ProvisionedCluster {
  readonly cluster: Cluster;
  /**
   * The path of every tool the provider needs (`PROVIDER_REQUIREMENTS`), found or downloaded: helm is not used
   * here but checked with the rest, for the deploy stage to run.
   */
  readonly tools: Readonly<Partial<Record<ToolName, string>>>;
}

const isTool = (requirement: Requirement): requirement is ToolName =>
  requirement === 'kind' || requirement === 'helm' || requirement === 'kubectl';

/**
 * Everything before a pipeline has a cluster: Docker is checked first (without it, downloading kind, helm and
 * kubectl would be wasted time) and tells whether kind needs its cgroup v1 setting; then each tool the provider
 * needs is resolved (`resolveTool`: PRLOAD_<TOOL>, PATH, the cache, else the pinned download), every other
 * prerequisite is checked at once (`PrerequisitesError` lists each problem), and the provider's own function
 * creates the cluster or connects to it (`createCluster`). Paths given in the options (`kindPath`, `kubectlPath`)
 * win over resolution.
 */
export async function provisionCluster(options: ProvisionClusterOptions): Promise<ProvisionedCluster> {
  const { provider, signal, log } = options;
  const env = options.env ?? process.env;
  const executor = options.executor ?? createExecutor();
  const requirements = PROVIDER_REQUIREMENTS[provider];

  // Bad input first: a wrong kubeconfig path must not cost a tool download.
  if (options.provider === 'existing') await checkKubeconfig(options.kubeconfigPath);

  let cgroupV1 = false;
  if (requirements.includes('docker')) {
    const docker = await checkPrerequisites({ provider, executor, requirements: ['docker'], env, signal });
    // kubelet >= 1.35 refuses cgroup v1 unless told otherwise (see kindConfig's failCgroupV1 patch).
    cgroupV1 = docker.dockerCgroupVersion === 1;
    if (cgroupV1) log?.('Docker runs on cgroup v1: the kind config lets kubelet start there (failCgroupV1: false)');
  }

  const given: Partial<Record<ToolName, string | undefined>> =
    options.provider === 'kind' ? { kind: options.kindPath } : { kubectl: options.kubectlPath };
  const tools: Partial<Record<ToolName, string>> = {};
  for (const name of requirements.filter(isTool)) {
    tools[name] = given[name] ?? (await resolveTool(name, { env, signal, executor })).path;
  }
  // A reused kind cluster already holds its host ports.
  const reused = options.provider === 'kind' && options.reuse === true;
  await checkPrerequisites({
    provider,
    executor,
    tools,
    env,
    signal,
    requirements: requirements.filter((r) => r !== 'docker' && !(reused && r === 'host-ports')),
    ...(options.provider === 'kind' ? { hostPorts: options.hostPorts ?? DEFAULT_HOST_PORTS } : {}),
  });

  const cluster = await createCluster(withTools(options, tools, { cgroupV1, env, executor }));
  return { cluster, tools };
}

/** The provider's options with what provisioning found: tool paths, the cgroup version, kwok's binaries. */
function withTools(
  options: ProvisionClusterOptions,
  tools: Partial<Record<ToolName, string>>,
  found: {
    readonly cgroupV1: boolean;
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly executor: ClusterOptions['executor'];
  },
): ClusterOptions {
  switch (options.provider) {
    case 'kind':
      return {
        ...options,
        executor: found.executor,
        kindPath: tools.kind,
        cgroupV1: options.cgroupV1 ?? found.cgroupV1,
      };
    case 'kwok':
      return {
        ...options,
        executor: found.executor,
        kubectlPath: tools.kubectl,
        binDir: options.binDir ?? defaultKwokBinDir(found.env),
      };
    case 'existing':
      return { ...options, executor: found.executor, kubectlPath: tools.kubectl };
  }
}
