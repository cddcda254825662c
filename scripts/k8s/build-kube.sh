#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager and kube-scheduler from the Go module proxy into $1.
# k8s.io/kubernetes replaces its k8s.io/* staging modules with ./staging paths (absent from the module zip), so
# `go install` is refused. A throwaway wrapper module requires k8s.io/kubernetes and replaces every staging module
# with its published v0.Y.Z tag, then `go build`s the commands. The version ldflags are those of
# hack/lib/version.sh, so the binaries report vX.Y.Z (helm's kubeVersion constraints read it).
# Usage: build-kube.sh BIN_DIR KUBE_VERSION [COMPONENT...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
bin_dir="$1" kube_version="$2"
shift 2
components=("$@")
[[ ${#components[@]} -gt 0 ]] || components=(kube-apiserver kube-controller-manager kube-scheduler)

ver="${kube_version#v}"
major="${ver%%.*}"
rest="${ver#*.}"
minor="${rest%%.*}"
staging_version="v0.${rest}"

gomod="$(GOTOOLCHAIN=local go mod download -json "k8s.io/kubernetes@${kube_version}" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
[[ -f "$gomod" ]] || k8s_die "could not download k8s.io/kubernetes@${kube_version} (check GOPROXY)"
mapfile -t staging < <(sed -n 's#^[[:space:]]*\(k8s\.io/[^ ]*\) => \./staging/src/.*#\1#p' "$gomod")
[[ ${#staging[@]} -gt 0 ]] || k8s_die "no staging replace directives found in $gomod"

work="$(mktemp -d -t prload-kube-build.XXXXXX)"
trap 'rm -rf "$work"' EXIT
{
  echo "module prload.local/kubebuild"
  echo
  echo "go 1.26.0"
  echo
  echo "godebug default=go1.26"
  echo
  echo "require k8s.io/kubernetes ${kube_version}"
  echo
  echo "replace ("
  for m in "${staging[@]}"; do echo "	$m => $m ${staging_version}"; done
  echo ")"
} >"$work/go.mod"
k8s_log "wrapper module replaces ${#staging[@]} staging modules with ${staging_version}"

# The module proxy has no git metadata for k8s.io/kubernetes; use the tag's origin hash when it is known.
commit="$(GOTOOLCHAIN=local go mod download -json "k8s.io/kubernetes@${kube_version}" | sed -n 's/^[[:space:]]*"Hash": "\(.*\)",\{0,1\}$/\1/p' | head -n 1)"
build_date="$(date -u ${SOURCE_DATE_EPOCH:+--date=@${SOURCE_DATE_EPOCH}} +%Y-%m-%dT%H:%M:%SZ)"
ldflags="-s -w"
for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  ldflags+=" -X ${pkg}.gitVersion=${kube_version}"
  ldflags+=" -X ${pkg}.gitMajor=${major} -X ${pkg}.gitMinor=${minor}"
  ldflags+=" -X ${pkg}.gitTreeState=clean -X ${pkg}.buildDate=${build_date}"
  [[ -z "$commit" ]] || ldflags+=" -X ${pkg}.gitCommit=${commit}"
done

cd "$work"
for c in "${components[@]}"; do
  start="$(k8s_now)"
  k8s_log "building $c ${kube_version} (niced; this is the slow part)"
  k8s_go build -ldflags "$ldflags" -o "$bin_dir/$c" "k8s.io/kubernetes/cmd/$c"
  k8s_log "built $c in $(($(k8s_now) - start))s"
done
