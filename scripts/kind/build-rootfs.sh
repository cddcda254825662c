#!/usr/bin/env bash
# A Debian root filesystem from the Debian mirror this machine's apt uses (mmdebstrap, minbase variant), with
# PACKAGE... installed and apt's caches and lists removed. No image is pulled: the result is `docker import`ed.
# Usage: build-rootfs.sh OUT_DIR SUITE PACKAGE...
# PRLOAD_ROOTFS_VARIANT=extract unpacks PACKAGE... and their dependencies without installing anything else (no dpkg,
# no shell): the prload image needs only the C and C++ runtimes beside Node.js (scripts/prload-image.sh).
set -euo pipefail
out="$1" suite="$2"
shift 2
command -v mmdebstrap >/dev/null || { echo "mmdebstrap not found: apt-get install mmdebstrap" >&2; exit 1; }
mirror="${PRLOAD_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
rm -rf "$out.partial"
packages="$(IFS=,; echo "$*")"
mmdebstrap --mode=root --variant="${PRLOAD_ROOTFS_VARIANT:-minbase}" --format=directory --quiet \
  --include="$packages" \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/usr/share/doc/* "$1"/usr/share/man/*' \
  "$suite" "$out.partial" "$mirror"
rm -rf "$out"
mv "$out.partial" "$out"
