import type { ControllerService } from './controllers/controller-spec.js';

/** Where a controller lives: an installed or planned controller, or its spec. */
export interface InClusterController {
  readonly namespace: string;
  readonly service: ControllerService;
}

/**
 * The controller's plain-HTTP address for pods inside the cluster, by cluster DNS:
 * `http://<service>.<namespace>.svc.cluster.local:<port>`. Requests carry the app's `Host` header,
 * as through the ingress URL. `cluster.local` is Kubernetes' default cluster domain, which prload's kind
 * clusters keep; an existing cluster with another domain needs the short name `<service>.<namespace>` instead.
 */
export function inClusterUrl(controller: InClusterController): string {
  const { service, namespace } = controller;
  return `http://${service.name}.${namespace}.svc.cluster.local:${service.port}`;
}
