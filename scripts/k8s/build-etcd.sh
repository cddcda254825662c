#!/usr/bin/env bash
# Builds etcd from the published go.etcd.io/etcd/server/v3 module into $1.
# `go install go.etcd.io/etcd/server/v3@v` is refused because that go.mod has replace directives, so a throwaway
# wrapper module requires it and builds its main package (server/main.go calls etcdmain.Main(os.Args)).
# Usage: build-etcd.sh BIN_DIR ETCD_VERSION
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
bin_dir="$1" etcd_version="$2"

work="$(mktemp -d -t prload-etcd-build.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cat >"$work/go.mod" <<MOD
module prload.local/etcdbuild

go 1.26.0

require go.etcd.io/etcd/server/v3 ${etcd_version}
MOD
cd "$work"
k8s_go mod download go.etcd.io/etcd/server/v3
k8s_go build -ldflags "-s -w" -o "$bin_dir/etcd" go.etcd.io/etcd/server/v3
