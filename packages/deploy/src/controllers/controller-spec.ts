import type { ImageReference } from '../image-reference.js';

/** The ingress controllers prload can install, each configured for kind's port mappings. */
export type IngressControllerName = 'nginx' | 'ingress-nginx' | 'traefik';

/** A validating admission webhook the controller registers; Ingresses fail to apply until its Service has endpoints. */
export interface AdmissionWebhook {
  /** The webhook entry's name inside its ValidatingWebhookConfiguration. */
  readonly webhookName: string;
  readonly namespace: string;
  /** The Service the API server calls; wait for its endpoints before applying Ingresses. */
  readonly service: string;
  readonly port: number;
}

/**
 * The Service in the controller's namespace that forwards plain HTTP to the controller pods: how pods
 * inside the cluster (distributed load generators) reach the controller, by cluster DNS and Host header.
 */
export interface ControllerService {
  /** What the chart names the Service for the spec's `release`. */
  readonly name: string;
  /** The Service port that reaches the controller's HTTP entrypoint. */
  readonly port: number;
}

export interface IngressControllerValuesOptions {
  /** IngressClass the controller creates and serves. */
  readonly ingressClassName: string;
  /** The controller's image, e.g. from a mirror or loaded into the nodes. @default the chart's own image */
  readonly image?: ImageReference;
}

export interface IngressControllerSpec {
  readonly name: IngressControllerName;
  readonly description: string;
  readonly release: string;
  /** Chart reference as helm takes it: an `oci://` URL, or a name inside `repo`. */
  readonly chart: string;
  /** Classic chart repository URL (`--repo`); absent for OCI charts. */
  readonly repo?: string;
  /** Pinned chart version (`--version`). */
  readonly version: string;
  readonly namespace: string;
  /** The controller's Deployment (what the chart names it for `release`), for readiness waits. */
  readonly deployment: string;
  /** The Service `values()` keeps for in-cluster clients (see inClusterUrl). */
  readonly service: ControllerService;
  /** The IngressClass it creates unless told another name. */
  readonly defaultIngressClassName: string;
  /** The chart values for kind; `image` is mapped onto the chart's own image keys. */
  values(options: IngressControllerValuesOptions): Record<string, unknown>;
  readonly admissionWebhook?: AdmissionWebhook;
}
