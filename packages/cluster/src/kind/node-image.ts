/** The kind release prload pins and downloads (see tools/tool-pins.ts). */
export const KIND_VERSION = 'v0.30.0';

/**
 * The node image built for kind v0.30.0, pinned by tag and digest as kind's
 * release notes require ("You must use the @sha256 digest to guarantee an image
 * built for this release"). Source: the "Images pre-built for this release"
 * list in https://github.com/kubernetes-sigs/kind/releases/tag/v0.30.0, where it
 * is also the release's default image. The digest covers amd64 and arm64.
 */
export const KIND_NODE_IMAGE =
  'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a';

/** `v1.34.0` from `kindest/node:v1.34.0@sha256:…`; undefined when the tag is not a version. */
export function kubernetesVersionOf(image: string): string | undefined {
  return /:(v\d+\.\d+\.\d+)(?:@|$)/.exec(image)?.[1];
}
