export {
  MetricsParseError,
  ResourceSourceUnavailableError,
  ResourcesError,
  type ResourcesErrorCode,
  type ResourcesErrorKind,
  ResourcesOptionsError,
  ResourceThresholdEvaluationError,
  ResourceThresholdSyntaxError,
} from './errors.js';
export {
  createGeneratorSampler,
  type GeneratorSampler,
  type GeneratorSamplerOptions,
} from './generator-sampler.js';
export {
  type KubeAppWorkload,
  type KubeWorkloadsOptions,
  kubeWorkloads,
} from './kubernetes/kube-workloads.js';
export {
  type KubeletSourceOptions,
  kubeletSource,
  RESOURCE_METRICS_PATH_ANNOTATION,
} from './kubernetes/kubelet-source.js';
export { type KubernetesSourceOptions, kubernetesResourceSource } from './kubernetes/kubernetes-source.js';
export { type MetricsApiSourceOptions, metricsApiSource } from './kubernetes/metrics-api-source.js';
export { type ContainerMetrics, parseResourceMetrics } from './kubernetes/parse-resource-metrics.js';
export { parseQuantity } from './kubernetes/quantity.js';
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
  isResourceThreshold,
  isWorkloadName,
  parseResourceThreshold,
  RESOURCE_METRICS,
  type ResourceMetric,
  type ResourceThreshold,
  type ResourceThresholdResult,
  type ResourceThresholdUnit,
} from './resource-thresholds.js';
export {
  MAX_SAMPLE_INTERVAL_MS,
  MIN_SAMPLE_INTERVAL_MS,
  type ResourceSampler,
  type ResourceSamplerOptions,
  type StopOptions,
  startResourceSampler,
} from './sample-resources.js';
export { type SummarizeUsageInput, summarizeUsage, type Tick } from './summarize-usage.js';
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
