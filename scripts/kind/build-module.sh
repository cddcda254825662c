#!/usr/bin/env bash
# Builds one command of a Go module, at a pinned version, from the module proxy: a throwaway wrapper module
# requires MODULE@VERSION and `go build`s PACKAGE (go install refuses modules whose go.mod has replace directives,
# and a module zip carries no vendor/ it could use).
# Usage: build-module.sh OUT MODULE VERSION PACKAGE [GO BUILD FLAG...]
# CGO_ENABLED (default 0), GO_TAGS and GO_LDFLAGS pass through; GOMOD_EXTRA holds go.mod lines for the wrapper (the
# module's own replace and exclude directives, which a dependency's go.mod cannot pass on); GOSUM_FROM names a
# go.sum to start from (the module's own: its sums need no checksum-database lookups). Builds run niced.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../k8s/lib.sh"
out="$1" module="$2" version="$3" package="$4"
shift 4

work="$(mktemp -d -t prload-gobuild.XXXXXX)"
trap 'rm -rf "$work"' EXIT
printf 'module prload.local/build\n\ngo 1.26.3\n\nrequire %s %s\n\n%s\n' "$module" "$version" "${GOMOD_EXTRA:-}" >"$work/go.mod"
[[ -z "${GOSUM_FROM:-}" ]] || install -m 0644 "$GOSUM_FROM" "$work/go.sum"
cd "$work"
GOFLAGS="-trimpath -mod=mod" GOTOOLCHAIN=local CGO_ENABLED="${CGO_ENABLED:-0}" nice -n 19 \
  go build ${GO_TAGS:+-tags "$GO_TAGS"} -ldflags "-s -w ${GO_LDFLAGS:-}" "$@" -o "$out" "$package"
