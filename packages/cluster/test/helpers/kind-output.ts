/** kind's stderr as it reads when a cluster misses its boot deadline; used by several tests. */

/** kind's --wait timeout: a warning, with exit code 0 (kubernetes-sigs/kind#2654). */
export const READY_TIMEOUT_STDERR = `Creating cluster "prload" ...
 ✓ Ensuring node image (kindest/node:v1.37.0) 🖼
 ✓ Preparing nodes 📦 📦 📦
 ✓ Writing configuration 📜
 ✓ Starting control-plane 🕹️
 ✓ Installing CNI 🔌
 ✓ Installing StorageClass 💾
 ✓ Joining worker nodes 🚜
 ✗ Waiting ≤ 3m0s for control-plane = Ready ⏳
 • WARNING: Timed out waiting for Ready ⚠️
`;

/** kubeadm's own control-plane wait running out (kubeadm >= 1.31 wording). */
export const KUBEADM_TIMEOUT_STDERR = `Creating cluster "prload" ...
 ✗ Starting control-plane 🕹️
Deleted nodes: ["prload-control-plane" "prload-worker" "prload-worker2"]
ERROR: failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged prload-control-plane kubeadm init --config=/kind/kubeadm.conf --skip-token-print --v=6" failed with error: exit status 1
Command Output: [api-check] The API server is not healthy after 4m0s
error execution phase wait-control-plane: could not initialize a Kubernetes cluster
`;
