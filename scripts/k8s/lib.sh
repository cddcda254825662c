# Shared helpers for scripts/k8s-test-env.sh. Sourced, not executed.
# shellcheck shell=bash

k8s_log() { printf '[k8s-test-env %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
k8s_die() { k8s_log "ERROR: $*"; exit 1; }

# Seconds since the epoch, for build timings.
k8s_now() { date +%s; }

# k8s_verify_version BIN EXPECTED_SUBSTRING -> 0 when `BIN --version` mentions it.
# kwok/kwokctl print "kwok version v0.8.0 ...", kube-* print "Kubernetes v1.36.4", etcd prints "etcd Version: 3.6.8".
k8s_verify_version() {
  local bin="$1" want="$2" out
  [[ -x "$bin" ]] || return 1
  # Read all of it: `| head` would close the pipe early, and under pipefail the binary's SIGPIPE reads as failure.
  out="$("$bin" --version 2>&1)" || return 1
  out="${out:0:400}"
  [[ "$out" == *"$want"* ]]
}

# Builds run niced and trimmed: the machine has 2 shared cores and binaries live in a cache, not the repo.
k8s_go() {
  GOFLAGS="-trimpath -mod=mod" GOTOOLCHAIN=local CGO_ENABLED=0 nice -n 19 go "$@"
}
