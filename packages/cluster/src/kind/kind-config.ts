import { stringify } from 'yaml';
import { KindConfigError } from './errors.js';
import { KIND_NODE_IMAGE } from './node-image.js';

export interface HostPorts {
  readonly http: number;
  readonly https: number;
}

export interface KindConfigOptions {
  /** Worker nodes besides the control plane. @default 2 */
  readonly workers?: number;
  /** @default KIND_NODE_IMAGE (pinned by version and digest) */
  readonly nodeImage?: string;
  /** Host ports forwarded to the control plane's 80 and 443. @default { http: 80, https: 443 } */
  readonly hostPorts?: HostPorts;
  /** Only this host address listens, so the ingress is not exposed to the network. @default '127.0.0.1' */
  readonly listenAddress?: string;
}

export const DEFAULT_HOST_PORTS: HostPorts = { http: 80, https: 443 };
const MAX_WORKERS = 10;

/**
 * The kubeadm patch kind's ingress guide uses: it labels the control plane
 * `ingress-ready=true` so the controller's nodeSelector lands it on the node that
 * owns the port mappings. The map form of kubeletExtraArgs is kubeadm v1beta3's,
 * which kind v0.30 writes; kind warns a later release moves to v1beta4 (list form).
 */
const INGRESS_READY_PATCH = `kind: InitConfiguration
nodeRegistration:
  kubeletExtraArgs:
    node-labels: "ingress-ready=true"
`;

function checkPort(name: string, port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new KindConfigError(`kind.hostPorts.${name}: must be an integer between 1 and 65535, got ${port}`);
  }
}

/** The kind cluster config for these options, as YAML (pure: no I/O). */
export function kindConfig(options: KindConfigOptions = {}): string {
  const workers = options.workers ?? 2;
  if (!Number.isInteger(workers) || workers < 0 || workers > MAX_WORKERS) {
    throw new KindConfigError(`kind.workers: must be an integer between 0 and ${MAX_WORKERS}, got ${workers}`);
  }
  const ports = options.hostPorts ?? DEFAULT_HOST_PORTS;
  checkPort('http', ports.http);
  checkPort('https', ports.https);
  if (ports.http === ports.https) {
    throw new KindConfigError(`kind.hostPorts: http and https must differ, both are ${ports.http}`);
  }
  const image = options.nodeImage ?? KIND_NODE_IMAGE;
  const listenAddress = options.listenAddress ?? '127.0.0.1';
  const config = {
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    nodes: [
      {
        role: 'control-plane',
        image,
        kubeadmConfigPatches: [INGRESS_READY_PATCH],
        extraPortMappings: [
          { containerPort: 80, hostPort: ports.http, listenAddress, protocol: 'TCP' },
          { containerPort: 443, hostPort: ports.https, listenAddress, protocol: 'TCP' },
        ],
      },
      ...Array.from({ length: workers }, () => ({ role: 'worker', image })),
    ],
  };
  return stringify(config);
}
