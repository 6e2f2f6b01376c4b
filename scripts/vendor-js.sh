#!/usr/bin/env bash
# Reproduce the vendored front-end files under overrides/assets/vendor/ from
# vendor/*/package-lock.json (exact versions and integrity hashes, no download
# addresses: npm fetches from the registry it is configured with).
#
#   bash scripts/vendor-js.sh           # copy the files
#   bash scripts/vendor-js.sh --check   # fail if the committed copies differ
#
# The site loads these files from its own folder: nothing comes from a CDN.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
[[ "${1:-}" == "--check" ]] && check=true

lock=vendor/photoswipe/package-lock.json
if grep -q 'https\?://' "$lock"; then
  echo "$lock holds a download address; regenerate it with --omit-lockfile-registry-resolved" >&2
  exit 1
fi
(cd vendor/photoswipe && npm ci --no-audit --no-fund --ignore-scripts --silent)

src=vendor/photoswipe/node_modules/photoswipe
dest=overrides/assets/vendor/photoswipe
version=$(node -p "require('./$src/package.json').version")
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$src/dist/photoswipe-lightbox.esm.min.js" "$src/dist/photoswipe.esm.min.js" "$src/dist/photoswipe.css" "$stage/"
cp "$src/LICENSE" "$stage/LICENSE"
printf 'photoswipe %s (npm, MIT). Reproduce with: bash scripts/vendor-js.sh\n' "$version" > "$stage/VERSION"

if $check; then
  diff -r "$stage" "$dest" && echo "vendored photoswipe $version is up to date"
else
  mkdir -p "$dest"
  rm -f "$dest"/*
  cp "$stage"/* "$dest/"
  echo "vendored photoswipe $version into $dest"
fi
