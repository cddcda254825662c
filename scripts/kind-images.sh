#!/usr/bin/env bash
# Everything the offline kind e2e needs, built on this machine: no image is pulled, no prebuilt binary downloaded.
#
#   prload.local/kind-node:<kube>     a kind node image: Debian root filesystem (mmdebstrap) with systemd, kind's
#                                     own base files (read from the kind Go module), containerd, runc, crictl and
#                                     the CNI plugins built from their Go modules, kubelet/kubeadm/kubectl built
#                                     from k8s.io/kubernetes, and every image kubeadm needs preloaded into containerd
#   prload.local/http-echo:1.0.0      a stand-in for hashicorp/http-echo 1.0.0 (scripts/kind/images/http-echo)
#   prload.local/traefik:<version>    Traefik built from github.com/traefik/traefik/v3
#   kind                              built from sigs.k8s.io/kind
#
# Binaries and root filesystems are cached by version in ~/.cache/prload/kind/<kube version>/; images live in the
# data root of prload's own Docker daemon (scripts/kind/dockerd.sh). The Kubernetes binaries are the k8s test env's
# (~/.cache/prload/k8s/<kube version>/bin), compiled once for both.
#
# Usage:
#   scripts/kind-images.sh [build]    build what is missing (idempotent, locked); starts prload's dockerd
#   scripts/kind-images.sh check      exit 0 when every binary and image is built, else list what is missing
#   scripts/kind-images.sh env        print the PRLOAD_* overrides the e2e passes to prload, as `export` lines
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/k8s/lib.sh"
source "$here/k8s/versions.env"
source "$here/kind/versions.env"

cache_root="${PRLOAD_CACHE_DIR:-$HOME/.cache/prload}"
kube_bin="$cache_root/k8s/$PRLOAD_KUBE_VERSION/bin"
root="$cache_root/kind/$PRLOAD_KUBE_VERSION"
bin="$root/bin"
stage="$root/stage"
tars="$root/images"

node_image="prload.local/kind-node:$PRLOAD_KUBE_VERSION"
echo_image="prload.local/http-echo:1.0.0"
# The same binary made to exit at once: the e2e's broken app.
broken_image="prload.local/http-echo:exits"
traefik_image="prload.local/traefik:$PRLOAD_TRAEFIK_VERSION"
network_image="prload.local/pod-network:$PRLOAD_KUBE_VERSION"

log() { printf '[kind-images %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

go_module_dir() {
  GOTOOLCHAIN=local GOFLAGS=-mod=mod go mod download -json "$1@$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'
}

# timed NAME COMMAND...: runs COMMAND and appends its duration to build-times.tsv.
timed() {
  local name="$1" start
  shift
  start="$(k8s_now)"
  "$@"
  local took=$(($(k8s_now) - start))
  printf '%s\t%ss\t%s\n' "$name" "$took" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$root/build-times.tsv"
  log "$name: done in ${took}s"
}

# binary NAME MODULE VERSION PACKAGE [FLAGS...]: builds $bin/NAME once; the version stamp beside it marks it current.
binary() {
  local name="$1" module="$2" version="$3" package="$4"
  shift 4
  if [[ -x "$bin/$name" && "$(cat "$bin/.$name.version" 2>/dev/null)" == "$module@$version" ]]; then return 0; fi
  log "$name: building $module@$version"
  timed "$name" "$here/kind/build-module.sh" "$bin/$name" "$module" "$version" "$package" "$@"
  echo "$module@$version" >"$bin/.$name.version"
}

build_binaries() {
  mkdir -p "$bin"
  binary kind sigs.k8s.io/kind "$PRLOAD_KIND_VERSION" sigs.k8s.io/kind
  local ctrd=github.com/containerd/containerd/v2
  local ctrd_ldflags="-X $ctrd/version.Version=$PRLOAD_CONTAINERD_VERSION -X $ctrd/version.Package=github.com/containerd/containerd/v2"
  for c in containerd ctr containerd-shim-runc-v2; do
    GO_TAGS="no_aufs no_zfs no_btrfs no_devmapper" GO_LDFLAGS="$ctrd_ldflags" \
      binary "$c" "$ctrd" "$PRLOAD_CONTAINERD_VERSION" "$ctrd/cmd/$c"
  done
  # runc links libseccomp (cgo); the node image installs Debian's libseccomp2 beside it.
  CGO_ENABLED=1 GO_TAGS=seccomp GO_LDFLAGS="-X main.version=${PRLOAD_RUNC_VERSION#v}" \
    binary runc github.com/opencontainers/runc "$PRLOAD_RUNC_VERSION" github.com/opencontainers/runc
  GO_LDFLAGS="-X sigs.k8s.io/cri-tools/pkg/version.Version=$PRLOAD_CRICTL_VERSION" \
    binary crictl sigs.k8s.io/cri-tools "$PRLOAD_CRICTL_VERSION" sigs.k8s.io/cri-tools/cmd/crictl
  local p
  for p in ipam/host-local main/loopback main/ptp meta/portmap; do
    binary "${p#*/}" github.com/containernetworking/plugins "$PRLOAD_CNI_PLUGINS_VERSION" \
      "github.com/containernetworking/plugins/plugins/$p"
  done
  binary coredns github.com/coredns/coredns "$PRLOAD_COREDNS_VERSION" github.com/coredns/coredns
  build_http_echo
  build_traefik
  build_pause
}

# The stand-in lives in this repository, not on the proxy: built from its folder.
build_http_echo() {
  local sum
  sum="$(cat "$here/kind/images/http-echo"/* | sha256sum | cut -c1-16)"
  if [[ -x "$bin/http-echo" && "$(cat "$bin/.http-echo.version" 2>/dev/null)" == "$sum" ]]; then return 0; fi
  log "http-echo: building the stand-in from scripts/kind/images/http-echo"
  (cd "$here/kind/images/http-echo" && GOFLAGS=-trimpath GOTOOLCHAIN=local CGO_ENABLED=0 go build -ldflags "-s -w" -o "$bin/http-echo" .)
  echo "$sum" >"$bin/.http-echo.version"
}

# shim_module NAME MODULE VERSION FILE: a copy of MODULE@VERSION from the module cache (never committed) with FILE
# added; prints its folder. The copy is made again whenever FILE changes.
shim_module() {
  local name="$1" module="$2" version="$3" file="$4" dir sum
  dir="$root/src/$name"
  sum="$(sha256sum "$file" | cut -c1-16)"
  if [[ "$(cat "$dir/.prload-shim" 2>/dev/null)" != "$sum" ]]; then
    rm -rf "$dir"
    mkdir -p "$root/src"
    cp -r "$(go_module_dir "$module" "$version")" "$dir"
    chmod -R u+w "$dir"
    install -m 0644 "$file" "$dir/"
    # A module from before Go modules (abbot/go-http-auth v0.4.0) has no go.mod; a replace folder needs one.
    [[ -f "$dir/go.mod" ]] || printf 'module %s\n\ngo 1.12\n' "$module" >"$dir/go.mod"
    echo "$sum" >"$dir/.prload-shim"
  fi
  echo "$dir"
}

build_traefik() {
  local dir mux auth
  dir="$(go_module_dir github.com/traefik/traefik/v3 "$PRLOAD_TRAEFIK_VERSION")"
  # Traefik's go.mod replaces two modules by its own forks, which this machine's proxy refuses (403):
  # containous/go-http-auth and containous/mux. Upstream abbot/go-http-auth v0.4.0 and gorilla/mux v1.8.1 stand in,
  # each with the symbols Traefik uses of its fork added (scripts/kind/images/traefik-*). Its nested module
  # ./pkg/config/dynamic/ext is absent from the module zip: scripts/kind/images/traefik-ext stands in. Its own
  # go.sum spares the checksum database lookups the proxy answers 404 for.
  mux="$(shim_module gorilla-mux github.com/gorilla/mux v1.8.1 "$here/kind/images/traefik-mux/routing_path.go")"
  auth="$(shim_module go-http-auth github.com/abbot/go-http-auth v0.4.0 \
    "$here/kind/images/traefik-http-auth/fork_additions.go")"
  local extra
  extra="$(sed -n '/^exclude /p' "$dir/go.mod")
replace github.com/traefik/traefik/dynamic/ext => $here/kind/images/traefik-ext
replace github.com/abbot/go-http-auth => $auth
replace github.com/gorilla/mux => $mux"
  GOMOD_EXTRA="$extra" GOSUM_FROM="$dir/go.sum" \
    GO_LDFLAGS="-X github.com/traefik/traefik/v3/pkg/version.Version=$PRLOAD_TRAEFIK_VERSION" \
    binary traefik github.com/traefik/traefik/v3 "$PRLOAD_TRAEFIK_VERSION" github.com/traefik/traefik/v3/cmd/traefik
}

# Kubernetes' pause is a small C program in the k8s.io/kubernetes module (build/pause/linux/pause.c).
build_pause() {
  [[ -x "$bin/pause" ]] && return 0
  local dir
  dir="$(go_module_dir k8s.io/kubernetes "$PRLOAD_KUBE_VERSION")"
  gcc -Os -static -Wall -DVERSION="$PRLOAD_PAUSE_VERSION-prload" -o "$bin/pause" "$dir/build/pause/linux/pause.c"
}

rootfs() { # rootfs NAME PACKAGE...: a Debian root filesystem, built once per package list
  local name="$1" stamp
  shift
  stamp="$PRLOAD_DEBIAN_SUITE $*"
  if [[ -d "$root/rootfs/$name" && "$(cat "$root/rootfs/.$name.packages" 2>/dev/null)" == "$stamp" ]]; then return 0; fi
  log "rootfs $name: mmdebstrap $PRLOAD_DEBIAN_SUITE ($*)"
  mkdir -p "$root/rootfs"
  timed "rootfs-$name" "$here/kind/build-rootfs.sh" "$root/rootfs/$name" "$PRLOAD_DEBIAN_SUITE" "$@"
  echo "$stamp" >"$root/rootfs/.$name.packages"
}

# import_dir DIR IMAGE [--change …]: DIR becomes IMAGE in prload's dockerd.
import_dir() {
  local dir="$1" image="$2"
  shift 2
  tar --numeric-owner -C "$dir" -c . | docker import "$@" - "$image" >/dev/null
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# static_image IMAGE ENTRY BINARY...: an image holding only static binaries in /usr/local/bin, run as ENTRY.
static_image() {
  local image="$1" entry="$2" dir
  shift 2
  dir="$(mktemp -d "$root/.img.XXXXXX")"
  mkdir -p "$dir/usr/local/bin" "$dir/tmp" "$dir/etc"
  chmod 1777 "$dir/tmp"
  echo 'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' >"$dir/etc/passwd"
  for b in "$@"; do install -m 0755 "$b" "$dir/usr/local/bin/"; done
  import_dir "$dir" "$image" --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' ${entry:+--change "ENTRYPOINT [\"$entry\"]"}
  rm -rf "$dir"
}

# import_dir_with_entry IMAGE ENTRYPOINT_JSON BINARY: like static_image, with a whole ENTRYPOINT array.
import_dir_with_entry() {
  local image="$1" entry="$2" dir
  dir="$(mktemp -d "$root/.img.XXXXXX")"
  mkdir -p "$dir/usr/local/bin"
  install -m 0755 "$3" "$dir/usr/local/bin/"
  import_dir "$dir" "$image" --change "ENTRYPOINT $entry"
  rm -rf "$dir"
}

# tools_image IMAGE ENTRY FILE...: the small Debian root filesystem (iptables, nftables, iproute2) plus FILE...
tools_image() {
  local image="$1" entry="$2" dir
  shift 2
  dir="$(mktemp -d "$root/.img.XXXXXX")"
  cp -a "$root/rootfs/tools/." "$dir/"
  for f in "$@"; do install -m 0755 "$f" "$dir/usr/local/bin/"; done
  import_dir "$dir" "$image" --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    ${entry:+--change "ENTRYPOINT [\"$entry\"]"}
  rm -rf "$dir"
}

# The images kubeadm pulls, tagged exactly as `kubeadm config images list` names them, saved for the node image.
build_component_images() {
  mkdir -p "$tars"
  local stamp="$tars/.built-$PRLOAD_KUBE_VERSION-$PRLOAD_COREDNS_VERSION-$PRLOAD_PAUSE_VERSION"
  if [[ -f "$stamp" && -f "$tars/pod-network.tar" ]] && image_exists "$network_image"; then return 0; fi
  local ref name
  rm -f "$tars"/*.tar
  while read -r ref; do
    name="${ref##*/}"
    name="${name%%:*}"
    case "$name" in
      kube-apiserver | kube-controller-manager | kube-scheduler) static_image "$ref" "" "$kube_bin/$name" ;;
      kube-proxy) tools_image "$ref" "" "$kube_bin/kube-proxy" ;;
      etcd) static_image "$ref" "" "$kube_bin/etcd" ;;
      coredns) static_image "$ref" /usr/local/bin/coredns "$bin/coredns" ;;
      pause) continue ;; # the sandbox image below is the one containerd uses
      *) k8s_die "kubeadm needs $ref, which this script does not know how to build" ;;
    esac
    docker save -o "$tars/$name.tar" "$ref"
    log "image $ref"
  done < <("$kube_bin/kubeadm" config images list --kubernetes-version "$PRLOAD_KUBE_VERSION")
  static_image "registry.k8s.io/pause:$PRLOAD_PAUSE_VERSION" /usr/local/bin/pause "$bin/pause"
  docker save -o "$tars/pause.tar" "registry.k8s.io/pause:$PRLOAD_PAUSE_VERSION"
  tools_image "$network_image" "" "$kube_bin/kubectl" "$here/kind/images/pod-network/pod-network.sh"
  docker save -o "$tars/pod-network.tar" "$network_image"
  touch "$stamp"
}

# The node image, laid out as kind's base image Dockerfile and `kind build node-image` lay it out.
build_node_image() {
  if image_exists "$node_image"; then return 0; fi
  local kind_dir
  kind_dir="$(go_module_dir sigs.k8s.io/kind "$PRLOAD_KIND_VERSION")/images/base/files"
  rm -rf "$stage"
  cp -a "$root/rootfs/node" "$stage"
  install -m 0755 "$kind_dir"/usr/local/bin/* "$stage/usr/local/bin/"
  mkdir -p "$stage/kind/bin" "$stage/kind/manifests" "$stage/LICENSES" "$stage/etc/containerd" "$stage/opt/cni/bin"
  install -m 0644 "$kind_dir/kind/README.txt" "$stage/kind/"
  install -m 0755 "$kind_dir"/kind/bin/* "$stage/kind/bin/"
  install -m 0644 "$kind_dir/etc/crictl.yaml" "$stage/etc/"
  install -m 0644 "$kind_dir"/etc/default/* "$stage/etc/default/"
  install -m 0644 "$kind_dir"/etc/sysctl.d/* "$stage/etc/sysctl.d/"
  install -m 0644 "$kind_dir"/etc/systemd/system/*.service "$kind_dir"/etc/systemd/system/*.slice "$stage/etc/systemd/system/"
  mkdir -p "$stage/etc/systemd/system/kubelet.service.d"
  install -m 0644 "$kind_dir"/etc/systemd/system/kubelet.service.d/* "$stage/etc/systemd/system/kubelet.service.d/"
  # Inside this VM's containers the OOM score cannot be lowered: without this the sandbox fails with
  # "can't get final child's PID from pipe: EOF".
  sed 's/^\([[:space:]]*restrict_oom_score_adj\) = false/\1 = true/' "$kind_dir/etc/containerd/config.toml" \
    >"$stage/etc/containerd/config.toml"
  grep -q 'restrict_oom_score_adj = true' "$stage/etc/containerd/config.toml" ||
    k8s_die "kind's containerd config no longer has restrict_oom_score_adj; update build_node_image"

  local b
  for b in containerd ctr containerd-shim-runc-v2 crictl; do install -m 0755 "$bin/$b" "$stage/usr/local/bin/"; done
  install -m 0755 "$bin/runc" "$stage/usr/local/sbin/runc"
  for b in host-local loopback ptp portmap; do install -m 0755 "$bin/$b" "$stage/opt/cni/bin/"; done
  for b in kubeadm kubelet kubectl; do install -m 0755 "$kube_bin/$b" "$stage/usr/bin/"; done

  "$bin/ctr" oci spec |
    jq '.hooks.createContainer[.hooks.createContainer | length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' |
    jq 'del(.process.rlimits)' >"$stage/etc/containerd/cri-base.json"

  # The systemd set-up of kind's base Dockerfile.
  find "$stage/lib/systemd/system/sysinit.target.wants/" -name systemd-tmpfiles-setup.service -delete
  rm -f "$stage"/lib/systemd/system/multi-user.target.wants/* "$stage"/etc/systemd/system/*.wants/* \
    "$stage"/lib/systemd/system/local-fs.target.wants/* "$stage"/lib/systemd/system/sockets.target.wants/*udev* \
    "$stage"/lib/systemd/system/sockets.target.wants/*initctl* "$stage"/lib/systemd/system/basic.target.wants/*
  echo "ReadKMsg=no" >>"$stage/etc/systemd/journald.conf"
  ln -sf /usr/lib/systemd/systemd "$stage/sbin/init"
  chroot "$stage" systemctl enable kubelet.service containerd.service undo-mount-hacks.service >/dev/null 2>&1
  chroot "$stage" systemctl mask systemd-binfmt.service >/dev/null 2>&1
  mkdir -p "$stage/etc/kubernetes/manifests"

  # What `kind build node-image` adds: the version, the default CNI and storage manifests, the preloaded images.
  echo -n "$PRLOAD_KUBE_VERSION" >"$stage/kind/version"
  sed "s/IMAGE_TAG/$PRLOAD_KUBE_VERSION/" "$here/kind/images/pod-network/default-cni.yaml" >"$stage/kind/manifests/default-cni.yaml"
  install -m 0644 "$here/kind/images/node/default-storage.yaml" "$stage/kind/manifests/default-storage.yaml"
  preload_images "$stage"

  log "image $node_image: importing the root filesystem"
  import_dir "$stage" "$node_image" \
    --change 'ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]' \
    --change 'ENV container=docker'
  rm -rf "$stage"
}

# Imports the saved images into the stage's containerd store, as kind's build does inside its build container
# (ctr images import --no-unpack, pinned), with a containerd of our own pointed at the stage's /var/lib/containerd.
preload_images() {
  local stage_dir="$1" run
  run="$(mktemp -d /tmp/prload-ctrd.XXXXXX)"
  printf 'version = 3\nroot = "%s"\nstate = "%s/state"\n[grpc]\n  address = "%s/ctrd.sock"\n' \
    "$stage_dir/var/lib/containerd" "$run" "$run" >"$run/config.toml"
  "$bin/containerd" --config "$run/config.toml" >"$run/log" 2>&1 &
  local pid=$! delay=0.05
  until "$bin/ctr" --address "$run/ctrd.sock" version >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$run/log" >&2; k8s_die "containerd for the image preload exited"; }
    sleep "$delay"
    delay="$(awk -v d="$delay" 'BEGIN { d *= 2; if (d > 1) d = 1; print d }')"
  done
  local tar
  for tar in "$tars"/*.tar; do
    "$bin/ctr" --address "$run/ctrd.sock" --namespace=k8s.io images import \
      --label=io.cri-containerd.pinned=pinned --all-platforms --no-unpack --digests - <"$tar" >/dev/null
  done
  "$bin/ctr" --address "$run/ctrd.sock" --namespace=k8s.io images list -q | sed 's/^/  preloaded /' >&2
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$run" "$stage_dir/var/lib/containerd/tmpmounts"
}

build_app_images() {
  image_exists "$echo_image" || static_image "$echo_image" /usr/local/bin/http-echo "$bin/http-echo"
  image_exists "$broken_image" || import_dir_with_entry "$broken_image" '["/usr/local/bin/http-echo", "-version"]' "$bin/http-echo"
  image_exists "$traefik_image" || static_image "$traefik_image" /usr/local/bin/traefik "$bin/traefik"
}

cmd_build() {
  k8s_log "Kubernetes binaries: scripts/k8s-test-env.sh build"
  bash "$here/k8s-test-env.sh" build
  mkdir -p "$root"
  exec 8>"$root/.build.lock"
  flock 8
  local b
  for b in kubelet kubeadm kube-proxy kubectl; do
    [[ -x "$kube_bin/$b" ]] || timed "$b" "$here/k8s/build-kube.sh" "$kube_bin" "$PRLOAD_KUBE_VERSION" "$b"
  done
  build_binaries
  rootfs node systemd conntrack iptables nftables iproute2 ethtool util-linux mount kmod libseccomp2 pigz bash \
    ca-certificates curl jq procps e2fsprogs
  rootfs tools iptables nftables iproute2 conntrack ca-certificates
  eval "$("$here/kind/dockerd.sh" up)"
  timed component-images build_component_images
  timed node-image build_node_image
  build_app_images
  log "ready: $node_image, $echo_image, $traefik_image (DOCKER_HOST=$DOCKER_HOST)"
}

cmd_check() {
  local missing=() b
  for b in kubelet kubeadm kube-proxy kubectl etcd; do [[ -x "$kube_bin/$b" ]] || missing+=("$kube_bin/$b"); done
  for b in kind containerd runc crictl coredns traefik http-echo pause; do [[ -x "$bin/$b" ]] || missing+=("$bin/$b"); done
  eval "$("$here/kind/dockerd.sh" env)"
  if docker info >/dev/null 2>&1; then
    for b in "$node_image" "$echo_image" "$broken_image" "$traefik_image"; do image_exists "$b" || missing+=("image $b"); done
  elif [[ ! -d "$cache_root/docker/data" ]]; then
    missing+=("prload's Docker data root $cache_root/docker/data")
  fi
  if [[ ${#missing[@]} -gt 0 ]]; then
    printf 'missing: %s\n' "${missing[@]}"
    echo "build them with: scripts/kind-images.sh build"
    return 1
  fi
  echo "ready: $node_image ($root)"
}

cmd_env() {
  cat <<EOF
$("$here/kind/dockerd.sh" env)
export PRLOAD_KIND=$bin/kind
export PRLOAD_KUBECTL=$kube_bin/kubectl
export PRLOAD_HELM=$cache_root/tools/helm-from-layer/helm
export PRLOAD_NODE_IMAGE=$node_image
export PRLOAD_APP_IMAGE=$echo_image
export PRLOAD_INGRESS_IMAGE=$traefik_image
export PRLOAD_PRELOAD_IMAGES=$echo_image,$broken_image,$traefik_image
export PRLOAD_BROKEN_APP_IMAGE=$broken_image
EOF
}

case "${1:-build}" in
  build) cmd_build ;;
  check) cmd_check ;;
  env) cmd_env ;;
  *) echo "usage: $0 [build|check|env]" >&2; exit 2 ;;
esac
