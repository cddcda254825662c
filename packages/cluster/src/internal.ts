// `@prload/cluster/internal`: what other prload packages and this repository's tests share with this one.
// Not covered by semver: any of it may change or go in any release.
export { lastLine } from './exec-errors.js';
export { KindConfigError } from './kind/errors.js';
export { INGRESS_READY_LABELS } from './kind/kind-config.js';
export { KwokConfigError } from './kwok/errors.js';
export { ToolNotFoundError } from './tools/errors.js';
export { parseHelmVersion } from './tools/tool-versions.js';
