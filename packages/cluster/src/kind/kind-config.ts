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
  /**
   * The Docker host runs cgroup v1 (`docker info` CgroupVersion 1, see checkPrerequisites):
   * adds the KubeletConfiguration patch `failCgroupV1: false`, without which kubelet >= 1.35 exits.
   * @default false
   */
  readonly cgroupV1?: boolean;
}

export const DEFAULT_HOST_PORTS: HostPorts = { http: 80, https: 443 };
const MAX_WORKERS = 10;

/**
 * The label the ingress controllers' nodeSelector looks for: it lands them on the
 * control plane, the node that owns the port mappings. It is set with kind's own
 * `nodes[].labels` (kind v1alpha4), which kind writes into whichever kubeadm config
 * version it generates. The kubeadm patch kind's ingress guide used
 * (`kubeletExtraArgs: {node-labels: …}`) is kubeadm v1beta3's map form; kind v0.33
 * writes v1beta4 (a list of {name, value}) for Kubernetes >= 1.36
 * (sigs.k8s.io/kind@v0.33.0 pkg/cluster/internal/kubeadm/config.go: `ver.LessThan(v1.36.0)`
 * picks v1beta3), so that patch breaks on the pinned v1.37 node image.
 */
export const INGRESS_READY_LABELS: Readonly<Record<string, string>> = { 'ingress-ready': 'true' };

/**
 * kubelet >= 1.35 refuses to start on a cgroup v1 host unless its
 * KubeletConfiguration sets `failCgroupV1: false` (k8s.io/kubelet v0.36
 * config/v1beta1/types.go: "FailCgroupV1 … Default: true"). A cluster-level patch:
 * kind applies it to every node's kubeadm config, so every kubelet gets it.
 */
const CGROUP_V1_PATCH = `kind: KubeletConfiguration
failCgroupV1: false
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
    ...(options.cgroupV1 ? { kubeadmConfigPatches: [CGROUP_V1_PATCH] } : {}),
    nodes: [
      {
        role: 'control-plane',
        image,
        labels: { ...INGRESS_READY_LABELS },
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
