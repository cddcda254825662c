// What a pipeline uses: the providers, the Cluster they return, the executor seam and the error base class.
// Test seams are in `@prload/cluster/testing`; what other prload packages share is in `@prload/cluster/internal`.
export type { Cluster, KubeProviderName, ProviderName } from './cluster.js';
export { PROVIDER_NAMES } from './cluster.js';
export type { ClusterOptions } from './create-cluster.js';
export { createCluster } from './create-cluster.js';
export { DNS_LABEL, DNS_LABEL_MAX_LENGTH, DNS_LABEL_PATTERN, DNS_SUBDOMAIN } from './dns-label.js';
export type { ClusterErrorCode } from './errors.js';
export { ClusterError } from './errors.js';
export type { ExecOptions, ExecResult, Executor } from './exec.js';
export { createExecutor } from './exec.js';
export type { ExistingCluster, ExistingClusterOptions } from './existing/connect-existing-cluster.js';
export { connectExistingCluster } from './existing/connect-existing-cluster.js';
export type { Command } from './format-command.js';
export { formatCommand } from './format-command.js';
export type { KindCluster, KindClusterOptions } from './kind/create-kind-cluster.js';
export { createKindCluster } from './kind/create-kind-cluster.js';
export type { HostPorts } from './kind/kind-config.js';
export { KIND_NODE_IMAGE } from './kind/node-image.js';
export type { KwokCluster, KwokClusterOptions } from './kwok/create-kwok-cluster.js';
export { createKwokCluster } from './kwok/create-kwok-cluster.js';
export { defaultKwokBinDir } from './kwok/kwok-binaries.js';
export type { LocalApp, LocalCluster, LocalClusterOptions, LocalClusterProcess } from './local/local-cluster.js';
export { createLocalCluster } from './local/local-cluster.js';
export type {
  CheckPrerequisitesOptions,
  PrerequisiteVersions,
  Requirement,
} from './prerequisites/check-prerequisites.js';
export { checkPrerequisites, PROVIDER_REQUIREMENTS } from './prerequisites/check-prerequisites.js';
export { PrerequisitesError } from './prerequisites/errors.js';
export type { ProvisionClusterOptions, ProvisionedCluster } from './provision-cluster.js';
export { provisionCluster } from './provision-cluster.js';
export type { ResolvedTool, ResolveToolOptions } from './tools/resolve-tool.js';
export { resolveTool } from './tools/resolve-tool.js';
export type { ToolName } from './tools/tool-versions.js';
