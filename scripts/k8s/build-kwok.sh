#!/usr/bin/env bash
# Builds kwok and kwokctl from the Go module proxy into $1 (the cache bin dir).
# Usage: build-kwok.sh BIN_DIR KWOK_VERSION KUBE_VERSION
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
bin_dir="$1" kwok_version="$2" kube_version="$3"

# kwok has no replace directives, so `go install pkg@version` works. The ldflags make kwokctl default to the
# Kubernetes version we build, so its generated flags match the binaries it runs.
ldflags="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${kwok_version} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${kube_version#v}"
GOBIN="$bin_dir" GOFLAGS="-trimpath" GOTOOLCHAIN=local CGO_ENABLED=0 nice -n 19 \
  go install -ldflags "$ldflags" \
  "sigs.k8s.io/kwok/cmd/kwok@${kwok_version}" "sigs.k8s.io/kwok/cmd/kwokctl@${kwok_version}"
