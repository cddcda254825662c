import { DeployConfigError } from './errors.js';

/** One app under test: one http-echo release. */
export interface AppSpec {
  /** Release name, and the name of its Deployment, Service and Ingress. */
  readonly name: string;
  /** What the app answers. */
  readonly text: string;
  /** Ingress host; load and probes send it as the Host header. */
  readonly host: string;
  /** @default '/' */
  readonly path?: string;
  /** @default 2 */
  readonly replicas?: number;
  /** More chart values (e.g. `resources`), laid over the generated ones; the chart's schema checks them. @default {} */
  readonly values?: Readonly<Record<string, unknown>>;
}

/** helm refuses release names longer than 53 characters (its Secret names add a suffix). */
const MAX_RELEASE_LENGTH = 53;
const RELEASE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function checkReleaseName(what: string, name: string): void {
  if (!RELEASE.test(name) || name.length > MAX_RELEASE_LENGTH) {
    throw new DeployConfigError(
      `${what}: must be lowercase letters, digits and '-', at most ${MAX_RELEASE_LENGTH} characters, got ${JSON.stringify(name)}`,
    );
  }
}

/** The chart values of one app (pure). */
export function appValues(app: AppSpec, ingressClassName: string): Record<string, unknown> {
  return {
    text: app.text,
    host: app.host,
    path: app.path ?? '/',
    replicaCount: app.replicas ?? 2,
    ingress: { enabled: true, className: ingressClassName },
    ...app.values,
  };
}
