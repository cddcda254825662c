#!/usr/bin/env bash
# The prload container image, built offline on this machine for the kind e2e (issue 13 runs the load generator as
# pods of it). Releases build the repository's Dockerfile instead; this machine can pull no base image.
#
#   prload.local/prload:<key>   Debian 12's C and C++ runtimes (mmdebstrap, extract variant: no shell, no dpkg),
#   prload.local/prload:dev     this machine's Node.js, and every workspace package `npm pack`ed and installed with
#                               its production dependencies in /opt/prload; runs as uid 65532.
#
# <key> is the first 12 hex digits of a SHA-256 over the packed tarballs, the Node.js binary and this recipe (this
# script, build-rootfs.sh, scripts/kind/images/prload/*, the Debian suite): unlike the node and Traefik images it
# changes with every source change, so it is built again whenever a key has no image, and older keys are removed.
#
# Usage:
#   scripts/prload-image.sh [build]   build the CLI (nx, cached), pack, then build the image unless its key has one;
#                                     prints the tag on stdout (logs go to stderr). Starts prload's dockerd.
# Environment:
#   PRLOAD_IMAGE_SKIP_NX_BUILD=1      the caller has just built the workspace (scripts/test-kind.mjs)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
source "$here/kind/versions.env"

cache_root="${PRLOAD_CACHE_DIR:-$HOME/.cache/prload}"
root="$cache_root/prload-image"
name="prload.local/prload"
recipe=("$here/prload-image.sh" "$here/kind/build-rootfs.sh" "$here"/kind/images/prload/*)
# What Node.js links against (ldd /usr/bin/node: libc, libm, libdl, libpthread, libstdc++, libgcc_s). Its OpenSSL,
# ICU with time zone data and CA certificates are built in, so neither ca-certificates nor tzdata is needed.
packages=(libc6 libstdc++6 libgcc-s1)
cli=/opt/prload/node_modules/@prload/ci-runner/dist/bin/prload.js
# Older keys kept beside the newest, so a run that started a moment ago still finds its image.
keep=2

log() { printf '[prload-image %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# pack DIR: every workspace package as the tarball npm would publish.
pack() {
  local dir="$1" want got
  (cd "$repo" && npm pack --workspaces --pack-destination "$dir" --silent >/dev/null)
  want="$(jq '.workspaces | length' "$repo/package.json")"
  got="$(find "$dir" -name '*.tgz' | wc -l)"
  ((got == want)) || die "npm pack wrote $got tarballs for $want workspace packages"
}

# key DIR NODE: the image's content key (npm pack writes fixed mtimes, so equal sources give equal tarballs).
key() {
  local dir="$1" node="$2"
  {
    (cd "$dir" && sha256sum -- *.tgz)
    sha256sum "$node" | cut -d' ' -f1
    sha256sum "${recipe[@]}" | cut -d' ' -f1
    echo "$PRLOAD_DEBIAN_SUITE ${packages[*]}"
  } | sha256sum | cut -c1-12
}

rootfs() { # the Debian part, built once per suite and package list
  local dir="$root/rootfs" stamp="$PRLOAD_DEBIAN_SUITE extract ${packages[*]}"
  if [[ -d "$dir" && "$(cat "$root/.rootfs.packages" 2>/dev/null)" == "$stamp" ]]; then return 0; fi
  log "rootfs: mmdebstrap $PRLOAD_DEBIAN_SUITE, extract variant (${packages[*]})"
  PRLOAD_ROOTFS_VARIANT=extract nice -n 10 "$here/kind/build-rootfs.sh" "$dir" "$PRLOAD_DEBIAN_SUITE" "${packages[@]}" >&2
  echo "$stamp" >"$root/.rootfs.packages"
}

# install_app STAGE PACKS: the tarballs and their production dependencies (resolved from the npm registry within
# the packages' ranges, as `npm install -g` would) in STAGE/opt/prload.
install_app() {
  local stage="$1" packs="$2"
  mkdir -p "$stage/opt/prload"
  # No dependency has an install script; --ignore-scripts keeps it that way.
  nice -n 10 npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error \
    --prefix "$stage/opt/prload" "$packs"/*.tgz >&2
  # Every @prload package must be one of the tarballs: one whose version no tarball satisfies would have been
  # fetched from the registry, which publishes none of them.
  local fetched
  fetched="$(jq -r '.packages | to_entries[] | select(.key | test("(^|/)node_modules/@prload/"))
    | select((.value.resolved // "") | startswith("file:") | not) | .key' "$stage/opt/prload/package-lock.json")"
  [[ -z "$fetched" ]] || die "not from the packed tarballs: $fetched (do the workspace versions agree?)"
  # Type declarations and source maps are never loaded at run time: about half of node_modules.
  find "$stage/opt/prload/node_modules" -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \
    -o -name '*.js.map' -o -name '*.mjs.map' -o -name '*.cjs.map' -o -name '*.d.ts.map' \) -delete
  rm -rf "$stage/opt/prload/node_modules/@types"
}

# stage_image STAGE NODE PACKS: the image's root filesystem.
stage_image() {
  local stage="$1" node="$2" packs="$3"
  cp -a "$root/rootfs/." "$stage/"
  # What mmdebstrap leaves for apt and dpkg, and the host's resolv.conf and hostname (the runtime mounts its own);
  # glibc's iconv modules, which Node.js (ICU) never loads.
  rm -rf "$stage"/etc/{apt,dpkg,resolv.conf,hostname,fstab} "$stage"/var/{cache,lib/apt,lib/dpkg,log} \
    "$stage"/usr/share/{doc,gcc,gdb,lintian} "$stage"/usr/lib/*-linux-gnu/gconv
  install -m 0644 "$here"/kind/images/prload/{passwd,group,nsswitch.conf} "$stage/etc/"
  install -d -m 1777 "$stage/tmp"
  install -d -m 0755 -o 65532 -g 65532 "$stage/home/nonroot"
  install -d "$stage/usr/local/bin"
  # Its debug information is 13 MB of the 99 MB binary.
  if command -v strip >/dev/null; then strip -o "$stage/usr/local/bin/node" "$node"; else install -m 0755 "$node" "$stage/usr/local/bin/node"; fi
  # The libraries it links, as the staged root filesystem's dynamic loader finds them (ldd inside the image).
  local loader libraries
  loader="$(readelf --program-headers "$node" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')"
  if ! libraries="$(chroot "$stage" "$loader" --list /usr/local/bin/node 2>&1)" || [[ "$libraries" == *"not found"* ]]; then
    die "the root filesystem cannot load $node (add the Debian package to packages=): $libraries"
  fi
  install_app "$stage" "$packs"
  local printed want
  want="$(jq -r .version "$repo/apps/ci-runner/package.json")"
  printed="$(env -i "$(command -v chroot)" --userspec=65532:65532 "$stage" /usr/local/bin/node "$cli" --version)" ||
    die "prload --version failed in the staged image"
  [[ "$printed" == "$want" ]] || die "prload --version in the staged image printed '$printed', not $want"
}

# prune TAG: older keys' images, all but the newest $keep besides TAG; one still in use stays (rmi refuses).
prune() {
  local current="$1" old
  docker image ls "$name" --format '{{.CreatedAt}}\t{{.Tag}}' | sort -r | cut -f2 |
    { grep -vx -e dev -e "${current#*:}" || true; } | tail -n +$((keep + 1)) | while read -r old; do
    if docker rmi "$name:$old" >/dev/null 2>&1; then log "removed $name:$old"; fi
  done
}

cmd_build() {
  local node
  node="$(readlink -f "$(command -v node)")" || die "node not found on PATH"
  command -v jq >/dev/null || die "jq not found: apt-get install jq"
  if [[ "${PRLOAD_IMAGE_SKIP_NX_BUILD:-}" != 1 ]]; then
    log "building the workspace (nx, cached)"
    (cd "$repo" && nice -n 10 npx nx run @prload/ci-runner:build --output-style=static >&2)
  fi
  [[ -f "$repo/apps/ci-runner/dist/bin/prload.js" ]] || die "apps/ci-runner/dist is missing: npm run build"
  mkdir -p "$root"
  local work
  work="$(mktemp -d "$root/.work.XXXXXX")"
  # shellcheck disable=SC2064 # $work is fixed now
  trap "rm -rf '$work'" EXIT
  mkdir "$work/packs" "$work/stage"
  pack "$work/packs"
  local tag
  tag="$name:$(key "$work/packs" "$node")"
  eval "$("$here/kind/dockerd.sh" up)"
  # fd 8: dockerd.sh closes it in the daemon it starts, so the daemon never holds this lock.
  exec 8>"$root/.build.lock"
  flock 8
  if image_exists "$tag"; then
    log "$tag is current"
  else
    local started=$SECONDS
    log "$tag: building (node $("$node" --version), $PRLOAD_DEBIAN_SUITE)"
    rootfs
    stage_image "$work/stage" "$node" "$work/packs"
    local version
    version="$(jq -r .version "$repo/apps/ci-runner/package.json")"
    tar --numeric-owner -C "$work/stage" -c . | docker import \
      --change "ENTRYPOINT [\"/usr/local/bin/node\", \"$cli\"]" \
      --change 'USER 65532:65532' \
      --change 'WORKDIR /home/nonroot' \
      --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/nonroot' \
      --change "LABEL org.opencontainers.image.title=prload org.opencontainers.image.version=$version org.opencontainers.image.revision=${tag#*:} org.opencontainers.image.licenses=Apache-2.0 org.opencontainers.image.source=https://github.com/prload/prload" \
      - "$tag" >/dev/null
    log "$tag: built in $((SECONDS - started))s, $(docker image inspect "$tag" --format '{{.Size}}' | numfmt --to=si)B"
  fi
  docker tag "$tag" "$name:dev"
  prune "$tag"
  echo "$tag"
}

case "${1:-build}" in
  build) cmd_build ;;
  *) echo "usage: $0 [build]" >&2; exit 2 ;;
esac
