#!/usr/bin/env bash
# Packs every workspace package as `npm publish` would (prepack included, so @prload/deploy carries its chart)
# and lints each tarball, not the folder, so what is checked is what a consumer installs:
#   publint --strict   package.json against the files shipped (exports, types, files, bin); warnings fail too.
#   attw --profile esm-only   the types each entry point resolves to under node16 (from ESM) and bundler
#                      resolution; the packages are ESM only, so require() and node10 are out of scope.
# Each tarball is packed once and given to both (attw's --pack would pack again). Needs `npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for dir in $(node -p "require('./package.json').workspaces.join(' ')"); do
  [ -f "$dir/dist/index.js" ] || { echo "$dir/dist/index.js is missing — run npm run build first"; exit 1; }
done
npm pack --workspaces --pack-destination "$out" >"$out/pack.log" 2>&1 || { cat "$out/pack.log"; exit 1; }

failed=()
for tarball in "$out"/*.tgz; do
  name=$(basename "$tarball" .tgz)
  echo "--- $name"
  publint run "$tarball" --strict || failed+=("$name (publint)")
  attw "$tarball" --profile esm-only --format table-flipped --no-emoji || failed+=("$name (attw)")
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
echo "all $(find "$out" -name '*.tgz' | wc -l) packages pass publint and attw"
