// `@prload/resources/internal`: what other prload packages and this repository's tests share with this one —
// the rules @prload/report routes thresholds by, and the Node annotation the kwok tests point the kubelet
// source at simulated metrics with.
// Not covered by semver: any of it may change or go in any release.
export { RESOURCE_METRICS_PATH_ANNOTATION } from './kubernetes/kubelet-source.js';
export { isResourceThreshold, isWorkloadName } from './resource-thresholds.js';
