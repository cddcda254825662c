import type { Platform } from './platform.js';
import type { ToolName } from './tool-versions.js';

/** Where to fetch one tool build and the SHA-256 it must have. */
export interface ToolAsset {
  readonly url: string;
  readonly sha256: string;
  /** The binary's path inside a `.tar.gz`; absent when the URL is the binary itself. */
  readonly archivePath?: string;
}

export interface ToolPin {
  readonly version: string;
  readonly assets: Readonly<Partial<Record<Platform, ToolAsset>>>;
}

export type ToolPins = Readonly<Record<ToolName, ToolPin>>;

const KIND = 'https://github.com/kubernetes-sigs/kind/releases/download/v0.33.0';
const HELM = 'https://get.helm.sh/helm-v4.1.4';
const KUBECTL = 'https://dl.k8s.io/release/v1.35.1/bin';

/**
 * Pinned downloads, used only when a tool is neither set by PRLOAD_<TOOL> nor on PATH.
 * Sums are the publishers' own: kind's `kind-<os>-<arch>.sha256sum` release assets
 * (v0.33.0), helm's `helm-v4.1.4-<os>-<arch>.tar.gz.sha256sum` listed in the v4.1.4
 * release notes, and `dl.k8s.io/release/v1.35.1/bin/<os>/<arch>/kubectl.sha256`.
 * Bump a version and its four sums together.
 */
export const TOOL_PINS: ToolPins = {
  kind: {
    version: 'v0.33.0',
    assets: {
      'linux-amd64': {
        url: `${KIND}/kind-linux-amd64`,
        sha256: 'aee6151561422756b764a4ae28e7f44cda5af5a9eead3cc9985112b1de8d8e0d',
      },
      'linux-arm64': {
        url: `${KIND}/kind-linux-arm64`,
        sha256: '20022bee6cfcd5086cb7234d218e3454e6090022f2a8f55d1fa7fcf42c3867a2',
      },
      'darwin-amd64': {
        url: `${KIND}/kind-darwin-amd64`,
        sha256: '5a99f26f57246dc9319dd294803313197a0f34d33c525b3ea8b655db5916ece0',
      },
      'darwin-arm64': {
        url: `${KIND}/kind-darwin-arm64`,
        sha256: '0c8c7dbe5e23594a198b786c4bc13dacc101fa6196b0cb0b23a1ca44e61f4b4f',
      },
    },
  },
  helm: {
    version: 'v4.1.4',
    assets: {
      'linux-amd64': {
        url: `${HELM}-linux-amd64.tar.gz`,
        sha256: '70b2c30a19da4db264dfd68c8a3664e05093a361cefd89572ffb36f8abfa3d09',
        archivePath: 'linux-amd64/helm',
      },
      'linux-arm64': {
        url: `${HELM}-linux-arm64.tar.gz`,
        sha256: '13d03672be289045d2ff00e4e345d61de1c6f21c1257a45955a30e8ae036d8f1',
        archivePath: 'linux-arm64/helm',
      },
      'darwin-amd64': {
        url: `${HELM}-darwin-amd64.tar.gz`,
        sha256: 'abf09c8503ad1d8ef76d3737a058c3456a998aae5f5966fce4bb3031aeb1654e',
        archivePath: 'darwin-amd64/helm',
      },
      'darwin-arm64': {
        url: `${HELM}-darwin-arm64.tar.gz`,
        sha256: '7c2eca678e8001fa863cdf8cbf6ac1b3799f9404a89eb55c08260ef5732e658d',
        archivePath: 'darwin-arm64/helm',
      },
    },
  },
  kubectl: {
    version: 'v1.35.1',
    assets: {
      'linux-amd64': {
        url: `${KUBECTL}/linux/amd64/kubectl`,
        sha256: '36e2f4ac66259232341dd7866952d64a958846470f6a9a6a813b9117bd965207',
      },
      'linux-arm64': {
        url: `${KUBECTL}/linux/arm64/kubectl`,
        sha256: '706256e21a4e9192ee62d1a007ac0bfcff2b0b26e92cc7baad487a6a5d08ff82',
      },
      'darwin-amd64': {
        url: `${KUBECTL}/darwin/amd64/kubectl`,
        sha256: '07a04d82bc2de2f5d53dfd81f2109ca864f634a82b225257daa2f9c2db15ccef',
      },
      'darwin-arm64': {
        url: `${KUBECTL}/darwin/arm64/kubectl`,
        sha256: '2b000dded317319b1ebca19c2bc70f772c7aaa0e8962fae2d987ba04dd1a1b50',
      },
    },
  },
};
