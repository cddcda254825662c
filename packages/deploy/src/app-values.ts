import { DNS_LABEL } from '@prload/cluster';
import { DeployConfigError } from './errors.js';
import { type ImageReference, parseImageReference } from './image-reference.js';

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
  /**
   * The image this app runs, `repository[:tag][@sha256:<64 hex>]` (a mirror, or an image loaded into
   * the nodes). Wins over the deployment's `appImage`. @default the chart's own pinned hashicorp/http-echo
   */
  readonly image?: string;
  /** More chart values (e.g. `resources`), laid over the generated ones; the chart's schema checks them. @default {} */
  readonly values?: Readonly<Record<string, unknown>>;
}

/** helm refuses release names longer than 53 characters (its Secret names add a suffix). */
const MAX_RELEASE_LENGTH = 53;

export function checkReleaseName(what: string, name: string): void {
  if (!DNS_LABEL.test(name) || name.length > MAX_RELEASE_LENGTH) {
    throw new DeployConfigError(
      `${what}: must be lowercase letters, digits and '-', at most ${MAX_RELEASE_LENGTH} characters, got ${JSON.stringify(name)}`,
    );
  }
}

/**
 * charts/http-echo's image values for a reference (templates/_helpers.tpl "http-echo.imageRef":
 * repository[:tag][@digest]). The chart pins the upstream image by digest, so the digest is cleared
 * unless the reference has its own; without a tag the chart's own tag (1.0.0) stays.
 */
export function echoImageValues(image: ImageReference): Record<string, string> {
  return { repository: image.repository, ...(image.tag ? { tag: image.tag } : {}), digest: image.digest ?? '' };
}

/** The chart values of one app (pure); `defaultImage` is the deployment-wide image, which the app's own overrides. */
export function appValues(app: AppSpec, ingressClassName: string, defaultImage?: string): Record<string, unknown> {
  const image = app.image ?? defaultImage;
  const what = app.image !== undefined ? `apps.${app.name}.image` : 'deploy.appImage';
  return {
    text: app.text,
    host: app.host,
    path: app.path ?? '/',
    replicaCount: app.replicas ?? 2,
    ingress: { enabled: true, className: ingressClassName },
    ...(image !== undefined ? { image: echoImageValues(parseImageReference(image, what)) } : {}),
    ...app.values,
  };
}
