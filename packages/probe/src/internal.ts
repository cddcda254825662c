// `@prload/probe/internal`: what this repository's tests share with this package.
// Not covered by semver: any of it may change or go in any release.
export { ProbeOptionsError } from './errors.js';
