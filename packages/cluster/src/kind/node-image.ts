/** The kind release prload pins and downloads (see tools/tool-pins.ts). */
export const KIND_VERSION = 'v0.33.0';

/**
 * kind v0.33.0's own default node image, pinned by tag and digest as kind's
 * release notes require ("You must use the @sha256 digest to guarantee an image
 * built for this release"). Source: `Image` in pkg/apis/config/defaults/image.go
 * of sigs.k8s.io/kind@v0.33.0. The digest is a multi-arch index (amd64, arm64).
 * Kubernetes v1.37 makes kind write kubeadm v1beta4 configs (see kind-config.ts).
 */
export const KIND_NODE_IMAGE =
  'kindest/node:v1.37.0@sha256:a1ed56cfb0e7b93589bdf97c8cd566405a265939e3620fc4f5de89adff580ae5';

/**
 * `v1.37.0` from `kindest/node:v1.37.0@sha256:…` (or from a mirrored or locally built
 * `prload.local/kind-node:v1.36.4`); undefined when the tag is not a version.
 */
export function kubernetesVersionOf(image: string): string | undefined {
  return /:(v\d+\.\d+\.\d+)(?:@|$)/.exec(image)?.[1];
}
