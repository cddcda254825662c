import type { ControllerService } from './controllers/controller-spec.js';

/** Where a controller lives: an installed or planned controller, or its spec. */
export interface InClusterController {
  readonly namespace: string;
  readonly service: ControllerService;
}

/**
 * The controller's plain-HTTP address for pods inside the cluster, by cluster DNS:
 * `http://<service>.<namespace>.svc:<port>`. Requests carry the app's `Host` header, as through the ingress
 * URL. Without the cluster domain the name resolves through every pod's DNS search list (which ends in the
 * cluster's own domain), so it works on clusters whose domain is not `cluster.local`.
 */
export function inClusterUrl(controller: InClusterController): string {
  const { service, namespace } = controller;
  return `http://${service.name}.${namespace}.svc:${service.port}`;
}
