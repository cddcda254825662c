import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobStep } from 'projen/lib/github/workflows-model';
import { parse } from 'yaml';
import { KIND_NODE_IMAGE } from '../packages/cluster/src/kind/node-image';
import { TOOL_PINS } from '../packages/cluster/src/tools/tool-pins';
import { ACTIONS, uses } from './pinned-actions';

/** Where the verified kind, helm and kubectl land on the runner. */
export const TOOLS_DIR = '${{ runner.temp }}/prload-tools';

/**
 * prload takes PRLOAD_<TOOL> over PATH, so the runner image's own (unpinned)
 * kind, helm and kubectl are never used.
 */
export const TOOL_ENV: Record<string, string> = {
  PRLOAD_KIND: `${TOOLS_DIR}/kind`,
  PRLOAD_HELM: `${TOOLS_DIR}/helm`,
  PRLOAD_KUBECTL: `${TOOLS_DIR}/kubectl`,
};

/** GitHub's runner.arch → the platform keys of TOOL_PINS; kind needs Docker, so Linux runners only. */
const RUNNER_PLATFORMS = { X64: 'linux-amd64', ARM64: 'linux-arm64' } as const;

/**
 * One shell script that downloads the pinned kind, helm and kubectl for the
 * runner's architecture and checks each against its pinned SHA-256 before
 * anything runs it. Generated from TOOL_PINS, the table prload itself
 * downloads from, so the workflow and the CLI cannot drift apart.
 */
export function installToolsScript(): string {
  const cases: string[] = [];
  for (const [arch, platform] of Object.entries(RUNNER_PLATFORMS)) {
    const fetches: string[] = [];
    const sums: string[] = [];
    const unpack: string[] = [];
    for (const [name, pin] of Object.entries(TOOL_PINS)) {
      const asset = pin.assets[platform];
      if (!asset) throw new Error(`tool-pins.ts: no ${platform} build of ${name}; add one or drop ${arch} runners`);
      const file = asset.archivePath ? `${name}.tar.gz` : name;
      fetches.push(`    fetch ${asset.url} ${file}`);
      sums.push(`${asset.sha256}  ${file}`);
      if (asset.archivePath) {
        const strip = asset.archivePath.split('/').length - 1;
        unpack.push(`    tar -xzf ${file} --strip-components=${strip} ${asset.archivePath}`);
      }
    }
    cases.push(
      `  Linux/${arch}) # ${platform}: ${Object.entries(TOOL_PINS)
        .map(([name, pin]) => `${name} ${pin.version}`)
        .join(', ')}`,
      ...fetches,
      "    sha256sum --check --strict <<'EOF'",
      ...sums,
      'EOF',
      ...unpack,
      '    ;;',
    );
  }
  return [
    'set -euo pipefail',
    'dir="$RUNNER_TEMP/prload-tools"',
    'mkdir -p "$dir/download"',
    'cd "$dir/download"',
    'fetch() { curl --fail --silent --show-error --location --retry 3 --output "$2" "$1"; }',
    'case "$RUNNER_OS/$RUNNER_ARCH" in',
    ...cases,
    '  *)',
    '    echo "::error::prload installs kind, helm and kubectl on Linux X64 or ARM64 runners only, not $RUNNER_OS/$RUNNER_ARCH"',
    '    exit 1',
    '    ;;',
    'esac',
    `install -m 0755 ${Object.keys(TOOL_PINS).join(' ')} "$dir/"`,
    'cd "$dir"',
    'rm -rf "$dir/download"',
    '"$dir/kind" version',
    '"$dir/helm" version --short',
    '"$dir/kubectl" version --client',
    '',
  ].join('\n');
}

export function installToolsStep(): JobStep {
  return {
    id: 'tools',
    name: `Install kind ${TOOL_PINS.kind.version}, helm ${TOOL_PINS.helm.version}, kubectl ${TOOL_PINS.kubectl.version} (SHA-256 verified)`,
    shell: 'bash',
    run: installToolsScript(),
  };
}

/** `repository:tag@digest` of the http-echo image the chart deploys. */
function httpEchoImage(root: string): string {
  const values = parse(readFileSync(join(root, 'charts/http-echo/values.yaml'), 'utf8')) as {
    image?: { repository?: string; tag?: string; digest?: string };
  };
  const { repository, tag, digest } = values.image ?? {};
  if (!repository || !tag || !digest) {
    throw new Error('charts/http-echo/values.yaml: image.repository, image.tag and image.digest must all be set');
  }
  return `${repository}:${tag}@${digest}`;
}

/** The kind node image and the app image, pinned by digest, cached between runs. */
export function cachedImages(root: string): readonly string[] {
  return [KIND_NODE_IMAGE, httpEchoImage(root)];
}

const IMAGES_TAR = '${{ runner.temp }}/prload-images/images.tar';

/**
 * Restores the images from the Actions cache (a `docker save` tar keyed by the
 * pinned digests and the runner's architecture), pulls what is missing, and
 * saves the tar on a miss, right away, so a failed load test still fills the
 * cache.
 */
export function imageCacheSteps(root: string): JobStep[] {
  const images = cachedImages(root);
  const digest = createHash('sha256').update(images.join('\n')).digest('hex').slice(0, 16);
  const key = `prload-images-\${{ runner.os }}-\${{ runner.arch }}-${digest}`;
  const script = [
    'set -euo pipefail',
    `images=(${images.join(' ')})`,
    'tar="$RUNNER_TEMP/prload-images/images.tar"',
    'if [ "$CACHE_HIT" = true ]; then docker load --input "$tar"; fi',
    'tags=()',
    'for image in "${images[@]}"; do',
    // docker save/load keeps tags but not registry digests, so a digest
    // reference is pulled again after a load: only its manifest is fetched,
    // the layers are already present, and the digest is checked again.
    '  docker image inspect "$image" >/dev/null 2>&1 || docker pull --quiet "$image"',
    '  docker tag "$image" "${image%@*}"',
    '  tags+=("${image%@*}")',
    'done',
    'if [ "$CACHE_HIT" != true ]; then',
    '  mkdir -p "$(dirname "$tar")"',
    '  docker save --output "$tar" "${tags[@]}"',
    'fi',
    '',
  ].join('\n');
  return [
    {
      id: 'images-restore',
      name: 'Restore the kind node and app images',
      uses: uses(ACTIONS.cacheRestore),
      with: { path: IMAGES_TAR, key },
    },
    {
      id: 'images',
      name: 'Load or pull the images',
      shell: 'bash',
      env: { CACHE_HIT: '${{ steps.images-restore.outputs.cache-hit }}' },
      run: script,
    },
    {
      id: 'images-save',
      name: 'Cache the images',
      if: "steps.images-restore.outputs.cache-hit != 'true'",
      uses: uses(ACTIONS.cacheSave),
      with: { path: IMAGES_TAR, key },
    },
  ];
}

/**
 * prload deletes its cluster itself, also on failure and interruption; this
 * catches the case where the process itself was killed.
 */
export function deleteClustersStep(): JobStep {
  return {
    id: 'delete-clusters',
    name: 'Delete kind clusters (safety net)',
    if: 'always()',
    shell: 'bash',
    run: [
      'kind="$RUNNER_TEMP/prload-tools/kind"',
      'if [ -x "$kind" ]; then "$kind" delete clusters --all; fi',
      '',
    ].join('\n'),
  };
}
