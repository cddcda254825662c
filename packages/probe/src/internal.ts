// `@prload/probe/internal`: what this repository's tests and @prload/distributed share with this package: the
// list-and-watch loop and the Kubernetes client helpers under it.
// Not covered by semver: any of it may change or go in any release.

export { diagnosePod } from './diagnose-pod.js';
export { describeError } from './diagnostics-gathering.js';
export { ProbeOptionsError } from './errors.js';
export { abortable, isPermanentKubeStatus, kubeStatusCode } from './kube-client.js';
export type { ObjectList, WatchUntilOptions } from './watch-resource.js';
export { watchUntil } from './watch-resource.js';
