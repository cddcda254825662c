/**
 * kind misses its boot deadline in two ways, both seen on loaded CI machines:
 * - `--wait` runs out: kind prints "WARNING: Timed out waiting for Ready" and
 *   still exits 0 (kubernetes-sigs/kind#2654), leaving NotReady nodes;
 * - kubeadm's own control-plane wait runs out: kind fails with "failed to init
 *   node with kubeadm" and kubeadm's "couldn't initialize a Kubernetes cluster"
 *   ("timed out waiting for the condition" before kubeadm 1.31, "… is not healthy
 *   after 4m0s" / "context deadline exceeded" since).
 */
const READY_TIMEOUT = /Timed out waiting for Ready/i;
const KUBEADM_INIT_FAILED = /failed to init node with kubeadm/i;
const KUBEADM_DEADLINE =
  /could(?:n't| not) initialize a Kubernetes cluster|timed out waiting for the condition|is not healthy after|context deadline exceeded/i;

/** True when kind's output says the cluster did not come up in time (worth one retry). */
export function isBootDeadlineMiss(stderr: string): boolean {
  return READY_TIMEOUT.test(stderr) || (KUBEADM_INIT_FAILED.test(stderr) && KUBEADM_DEADLINE.test(stderr));
}
