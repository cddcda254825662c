// What a pipeline uses: the resource sources, the sampler, resource thresholds and the usage they produce.
// The threshold routing rules @prload/report shares are in `@prload/resources/internal`.
export {
  ResourceSourceUnavailableError,
  ResourcesError,
  type ResourcesErrorCode,
  ResourceThresholdEvaluationError,
  ResourceThresholdSyntaxError,
} from './errors.js';
export {
  type KubeAppWorkload,
  type KubeWorkloadsOptions,
  kubeWorkloads,
} from './kubernetes/kube-workloads.js';
export { type KubeletSourceOptions, kubeletSource } from './kubernetes/kubelet-source.js';
export { type KubernetesSourceOptions, kubernetesResourceSource } from './kubernetes/kubernetes-source.js';
export { type MetricsApiSourceOptions, metricsApiSource } from './kubernetes/metrics-api-source.js';
export type { KubeWorkloadSelector } from './kubernetes/workload-pods.js';
export { type LocalProcess, type ProcessSourceOptions, processSource } from './process-source.js';
export type {
  PodState,
  ResourceSource,
  SourceReading,
  UsageReading,
  WorkloadSelector,
} from './resource-source.js';
export {
  evaluateResourceThresholds,
  parseResourceThreshold,
  type ResourceMetric,
  type ResourceThreshold,
  type ResourceThresholdResult,
} from './resource-thresholds.js';
export {
  MAX_SAMPLE_INTERVAL_MS,
  MIN_SAMPLE_INTERVAL_MS,
  type ResourceSampler,
  type ResourceSamplerOptions,
  type StopOptions,
  startResourceSampler,
} from './sample-resources.js';
export type {
  GeneratorPoint,
  GeneratorUsage,
  PodUsage,
  ResourcePoint,
  ResourceQuantities,
  ResourceSourceName,
  ResourceSummary,
  ResourceUsage,
  WorkloadRole,
  WorkloadUsage,
} from './types.js';
