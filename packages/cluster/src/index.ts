export type { Cluster, KubeProviderName, ProviderName } from './cluster.js';
export { PROVIDER_NAMES } from './cluster.js';
export type { ClusterOptions } from './create-cluster.js';
export { createCluster } from './create-cluster.js';
export { DNS_LABEL, DNS_LABEL_MAX_LENGTH, DNS_LABEL_PATTERN, DNS_SUBDOMAIN } from './dns-label.js';
export { ClusterError } from './errors.js';
export type { ExecOptions, ExecResult, Executor } from './exec.js';
export { createExecutor } from './exec.js';
export { CommandNotFoundError, CommandTimeoutError, lastLine } from './exec-errors.js';
export type { ExistingCluster, ExistingClusterOptions } from './existing/connect-existing-cluster.js';
export { connectExistingCluster } from './existing/connect-existing-cluster.js';
export { ExistingClusterError } from './existing/errors.js';
export { runNamespace } from './existing/run-namespace.js';
export type { Command } from './format-command.js';
export { formatCommand, shellQuote } from './format-command.js';
export { isBootDeadlineMiss } from './kind/boot-deadline.js';
export type { KindCluster, KindClusterOptions } from './kind/create-kind-cluster.js';
export { createKindCluster } from './kind/create-kind-cluster.js';
export {
  KindBootDeadlineError,
  KindConfigError,
  KindCreateError,
  KindDeleteError,
  KindLoadImagesError,
} from './kind/errors.js';
export type { HostPorts, KindConfigOptions } from './kind/kind-config.js';
export { DEFAULT_HOST_PORTS, INGRESS_READY_LABELS, kindConfig } from './kind/kind-config.js';
export { KIND_NODE_IMAGE, KIND_VERSION, kubernetesVersionOf } from './kind/node-image.js';
export type { KwokCluster, KwokClusterOptions } from './kwok/create-kwok-cluster.js';
export { createKwokCluster } from './kwok/create-kwok-cluster.js';
export { KwokBinaryMissingError, KwokConfigError, KwokCreateError, KwokDeleteError } from './kwok/errors.js';
export { defaultKwokBinDir, KWOK_BINARIES, KWOK_ETCD_VERSION, KWOK_KUBE_VERSION } from './kwok/kwok-binaries.js';
export type { ComponentArgs } from './kwok/kwokctl-args.js';
export type { KwokctlEnvOptions } from './kwok/kwokctl-env.js';
export { kwokctlEnv } from './kwok/kwokctl-env.js';
export type { EchoServer, EchoServerOptions } from './local/echo-server.js';
export { HEALTH_PATH, startEchoServer } from './local/echo-server.js';
export { LocalClusterError } from './local/errors.js';
export type { HostRouter, HostRouterOptions } from './local/host-router.js';
export { startHostRouter } from './local/host-router.js';
export type {
  DeployedLocalApp,
  LocalApp,
  LocalCluster,
  LocalClusterOptions,
  LocalClusterProcess,
} from './local/local-cluster.js';
export { createLocalCluster } from './local/local-cluster.js';
export type { PortState } from './prerequisites/check-port.js';
export { checkPort } from './prerequisites/check-port.js';
export type {
  CgroupVersion,
  CheckPrerequisitesOptions,
  PrerequisiteVersions,
  Requirement,
} from './prerequisites/check-prerequisites.js';
export { checkPrerequisites, PROVIDER_REQUIREMENTS, parseDockerInfo } from './prerequisites/check-prerequisites.js';
export { PrerequisitesError } from './prerequisites/errors.js';
export type { ProvisionClusterOptions, ProvisionedCluster } from './provision-cluster.js';
export { provisionCluster } from './provision-cluster.js';
export type {
  CannedResponse,
  CannedResult,
  CommandMatcher,
  RecordedCommand,
  RecordingExecutor,
  RecordingExecutorOptions,
} from './recording-executor.js';
export { createRecordingExecutor } from './recording-executor.js';
export type { DownloadVerifiedOptions } from './tools/download-verified.js';
export { downloadVerified } from './tools/download-verified.js';
export { ToolChecksumError, ToolDownloadError, ToolNotFoundError, ToolVersionError } from './tools/errors.js';
export type { Platform } from './tools/platform.js';
export { currentPlatform } from './tools/platform.js';
export type { ResolvedTool, ResolveToolOptions } from './tools/resolve-tool.js';
export { defaultToolCacheDir, installHint, resolveTool, toolEnvVar } from './tools/resolve-tool.js';
export type { Version } from './tools/semver.js';
export { compareVersions, formatVersion, parseVersion } from './tools/semver.js';
export type { ToolAsset, ToolPin, ToolPins } from './tools/tool-pins.js';
export { TOOL_PINS } from './tools/tool-pins.js';
export type { ToolName } from './tools/tool-versions.js';
export {
  MINIMUM_VERSIONS,
  parseHelmVersion,
  parseKindVersion,
  parseKubectlVersion,
} from './tools/tool-versions.js';
