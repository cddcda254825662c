/** A third-party action pinned to the commit its release tag pointed to. */
export interface PinnedAction {
  readonly repo: string;
  readonly sha: string;
  /** The release tag the SHA was taken from; written after the `uses:` line as `# <version>`. */
  readonly version: string;
}

/**
 * Every action the workflows and action.yml use, pinned by full commit SHA
 * (a tag can be moved, a commit cannot). Bump the SHA and the version together.
 * The nx-set-shas SHA is the commit its moving `v4` tag pointed to; the exact
 * v4.x.y release could not be resolved offline, hence the bare `v4`.
 *
 * The docker/* SHAs could not be resolved against GitHub from here; each is
 * the one several unrelated public workflows pin next to the same release
 * comment (found with a code search, e.g. `setup-buildx-action@e468171…
 * # v3.11.1` in five repositories). Check them with
 * `git ls-remote https://github.com/<repo> refs/tags/<version>` when bumping.
 */
export const ACTIONS = {
  checkout: { repo: 'actions/checkout', sha: '34e114876b0b11c390a56381ad16ebd13914f8d5', version: 'v4.3.1' },
  setupNode: { repo: 'actions/setup-node', sha: '49933ea5288caeca8642d1e84afbd3f7d6820020', version: 'v4.4.0' },
  cache: { repo: 'actions/cache', sha: '0057852bfaa89a56745cba8c7296529d2fc39830', version: 'v4.3.0' },
  cacheRestore: { repo: 'actions/cache/restore', sha: '0057852bfaa89a56745cba8c7296529d2fc39830', version: 'v4.3.0' },
  cacheSave: { repo: 'actions/cache/save', sha: '0057852bfaa89a56745cba8c7296529d2fc39830', version: 'v4.3.0' },
  uploadArtifact: {
    repo: 'actions/upload-artifact',
    sha: 'ea165f8d65b6e75b540449e92b4886f43607fa02',
    version: 'v4.6.2',
  },
  downloadArtifact: {
    repo: 'actions/download-artifact',
    sha: 'd3f86a106a0bac45b974a628896c90dbdf5c8093',
    version: 'v4.3.0',
  },
  setupQemu: { repo: 'docker/setup-qemu-action', sha: '29109295f81e9208d7d86ff1c6c12d2833863392', version: 'v3.6.0' },
  setupBuildx: {
    repo: 'docker/setup-buildx-action',
    sha: 'e468171a9de216ec08956ac3ada2f0791b6bd435',
    version: 'v3.11.1',
  },
  dockerLogin: { repo: 'docker/login-action', sha: '5e57cd118135c172c3672efd75eb46360885c0ef', version: 'v3.6.0' },
  buildPush: {
    repo: 'docker/build-push-action',
    sha: '263435318d21b8e681c14492fe198d362a7d2c83',
    version: 'v6.18.0',
  },
  nxSetShas: { repo: 'nrwl/nx-set-shas', sha: '826660b82addbef3abff5fa871492ebad618c9e1', version: 'v4' },
} as const satisfies Record<string, PinnedAction>;

/** The `uses:` value of a pinned action. */
export function uses(action: PinnedAction): string {
  return `${action.repo}@${action.sha}`;
}

/**
 * Appends `# <version>` to each pinned `uses:` line of rendered YAML, so a
 * reader (and Dependabot/Renovate) sees which release a SHA is.
 */
export function annotatePins(yaml: string): string {
  let out = yaml;
  for (const action of Object.values(ACTIONS)) {
    const ref = uses(action);
    out = out.replace(new RegExp(`(uses: ${escapeRegExp(ref)})$`, 'gm'), `$1 # ${action.version}`);
  }
  return out;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
