export type { BackoffOptions } from './backoff-delay.js';
export { backoffDelay } from './backoff-delay.js';
export type { RolloutStatus } from './deployment-rollout.js';
export { isDeploymentRolledOut } from './deployment-rollout.js';
export type { CollectDiagnosticsOptions } from './diagnostics.js';
export { collectDiagnostics } from './diagnostics.js';
export type {
  ContainerLogs,
  DeploymentDiagnosis,
  Diagnostics,
  EventSummary,
  IngressRuleSummary,
  IngressSummary,
  PodDiagnosis,
} from './diagnostics-types.js';
export type { ProbeErrorCode, ProbeFailure, ProbeObservation } from './errors.js';
export {
  ProbeError,
  ProbeKubeApiError,
  ProbeTimeoutError,
  ReadinessTimeoutError,
  RolloutFailedError,
} from './errors.js';
export type { FailureDiagnosticsOptions } from './failure-diagnostics.js';
export { failureDiagnostics } from './failure-diagnostics.js';
export { formatDiagnostics } from './format-diagnostics.js';
export { loadKubeConfig } from './load-kube-config.js';
export type { CollectPodDiagnosticsOptions, EventSource } from './pod-diagnostics.js';
export { collectPodDiagnostics } from './pod-diagnostics.js';
export { probeHosts } from './probe-hosts.js';
export type { HostProbeResult, ProbeAttemptEvent, ProbeHostsOptions, ProbeTarget } from './probe-hosts-options.js';
export type { DeploymentProgress, DeploymentReadiness, WaitForDeploymentsOptions } from './wait-deployments.js';
export { waitForDeployments } from './wait-deployments.js';
export type { RolloutTarget, WaitForRolloutsOptions } from './wait-rollouts.js';
export { waitForRollouts } from './wait-rollouts.js';
export type {
  ValidatingWebhookReadiness,
  WaitForValidatingWebhookOptions,
  WaitForWebhookEndpointsOptions,
  WebhookEndpointsReadiness,
} from './wait-webhook.js';
export { waitForValidatingWebhook, waitForWebhookEndpoints } from './wait-webhook.js';
export type { WatchTransition } from './watch-resource.js';
