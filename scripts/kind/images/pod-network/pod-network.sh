#!/bin/sh
# The kind e2e's pod network, in the role of kindnet (whose module this machine's proxy refuses): runs on every node
# (hostNetwork), writes the node's CNI config for its pod CIDR (ptp + host-local + portmap, as kindnet's does) and
# keeps a route to every other node's pod CIDR through that node's address. It follows the Node objects by a watch;
# a watch that ends is re-established after a growing delay, so a dead API server is not hammered.
set -eu
: "${NODE_NAME:?set NODE_NAME from spec.nodeName}"
: "${CONTROL_PLANE_ENDPOINT:?kind patches CONTROL_PLANE_ENDPOINT into this DaemonSet}"
sa=/var/run/secrets/kubernetes.io/serviceaccount
conf_dir=/etc/cni/net.d
# Pods reach other nodes' pods through this node: it must forward.
echo 1 >/proc/sys/net/ipv4/ip_forward

kube() {
  kubectl --server="https://$CONTROL_PLANE_ENDPOINT" --certificate-authority="$sa/ca.crt" \
    --token="$(cat "$sa/token")" "$@"
}

write_cni_config() {
  tmp="$conf_dir/.10-kindnet.conflist.tmp"
  cat >"$tmp" <<CONF
{
  "cniVersion": "0.4.0",
  "name": "kindnet",
  "plugins": [
    {
      "type": "ptp",
      "ipMasq": false,
      "ipam": {
        "type": "host-local",
        "dataDir": "/run/cni-ipam-state",
        "routes": [{ "dst": "0.0.0.0/0" }],
        "ranges": [[{ "subnet": "$1" }]]
      },
      "mtu": 1500
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
CONF
  # Renamed into place: kubelet must never read half a config.
  mv "$tmp" "$conf_dir/10-kindnet.conflist"
  echo "pod CIDR $1: CNI config written"
}

delay=1
while :; do
  # One line per Node event: name, pod CIDR, internal IP.
  kube get nodes --watch --no-headers \
    -o 'custom-columns=NAME:.metadata.name,CIDR:.spec.podCIDR,IP:.status.addresses[?(@.type=="InternalIP")].address' |
    while read -r name cidr ip; do
      [ "$cidr" = "<none>" ] && continue
      if [ "$name" = "$NODE_NAME" ]; then
        [ -f "$conf_dir/10-kindnet.conflist" ] && grep -q "\"$cidr\"" "$conf_dir/10-kindnet.conflist" || write_cni_config "$cidr"
      elif [ "$ip" != "<none>" ]; then
        ip route replace "$cidr" via "$ip" && echo "route $cidr via $ip ($name)"
      fi
    done && delay=1
  echo "node watch ended; re-establishing in ${delay}s"
  sleep "$delay"
  [ "$delay" -lt 30 ] && delay=$((delay * 2))
done
