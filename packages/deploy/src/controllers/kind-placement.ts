import { INGRESS_READY_LABELS } from '@prload/cluster/internal';

/** kind taints the control plane; the controller must run there, where ports 80/443 are mapped. */
export const CONTROL_PLANE_TOLERATIONS = [
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
];

/** Set by prload's kind config (the control plane's `labels`) on the node that owns the port mappings. */
export const INGRESS_READY: Readonly<Record<string, string>> = INGRESS_READY_LABELS;
