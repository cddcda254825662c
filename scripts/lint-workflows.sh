#!/usr/bin/env bash
# Lints the GitHub Actions side of prload; both tools must report nothing:
#   actionlint  .github/workflows         syntax, expressions, contexts, and (when shellcheck
#                                         is on PATH) every run: script
#   zizmor      .github/workflows action.yml   security audits, offline (no GitHub API calls)
# Each tool is built once from its pinned version into ~/.cache/prload/tools
# (or $PRLOAD_CACHE_DIR/tools), so later runs start at once.
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT_VERSION=1.7.12
# zizmor 1.27+ needs rustc 1.97; 1.26.1 builds with older toolchains.
ZIZMOR_VERSION=1.26.1

tools="${PRLOAD_CACHE_DIR:-$HOME/.cache/prload}/tools"
actionlint_dir="$tools/actionlint-v$ACTIONLINT_VERSION"
zizmor_root="$tools/zizmor-$ZIZMOR_VERSION"
actionlint="$actionlint_dir/actionlint"
zizmor="$zizmor_root/bin/zizmor"

if [ ! -x "$actionlint" ]; then
  if ! command -v go >/dev/null; then
    echo "lint-workflows: actionlint $ACTIONLINT_VERSION is not in $actionlint_dir and go is not on PATH; install Go to build it" >&2
    exit 1
  fi
  echo "lint-workflows: building actionlint v$ACTIONLINT_VERSION into $actionlint_dir"
  mkdir -p "$actionlint_dir"
  GOBIN="$actionlint_dir" go install "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION"
fi

if [ ! -x "$zizmor" ]; then
  if ! command -v cargo >/dev/null; then
    echo "lint-workflows: zizmor $ZIZMOR_VERSION is not in $zizmor_root and cargo is not on PATH; install Rust to build it" >&2
    exit 1
  fi
  echo "lint-workflows: building zizmor $ZIZMOR_VERSION into $zizmor_root (several minutes, once)"
  cargo install zizmor --version "$ZIZMOR_VERSION" --locked --root "$zizmor_root"
fi

if ! command -v shellcheck >/dev/null; then
  echo "lint-workflows: note: shellcheck is not on PATH, so actionlint does not check run: scripts" >&2
fi

status=0
echo "actionlint $ACTIONLINT_VERSION: .github/workflows"
"$actionlint" -color=false || status=1
echo "zizmor $ZIZMOR_VERSION: .github/workflows action.yml"
"$zizmor" --offline --no-progress --color=never .github/workflows action.yml || status=1
if [ "$status" -eq 0 ]; then echo "lint-workflows: no findings"; fi
exit "$status"
