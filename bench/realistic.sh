#!/usr/bin/env bash
# Writes the realistic benchmark input to stdout: the upstream rendered
# installs in testdata/upstream/rendered/ read into one ResourceList as kpt
# reads a package (`kpt fn source`; without kpt, an awk wrapper that keeps
# the documents as items), then repeated with renamed objects until the
# items reach MB megabytes, with a functionConfig relocating every image.
# Usage: bench/realistic.sh MB > list.yaml
set -euo pipefail
MB=${1:-40}
HERE=$(cd "$(dirname "$0")" && pwd)
RENDERED=$HERE/../testdata/upstream/rendered
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
if command -v kpt > /dev/null; then
  mkdir -p "$WORK/pkg"; cp "$RENDERED"/*.yaml "$WORK/pkg/"
  kpt fn source "$WORK/pkg" | awk '/^items:/ { on = 1; next } on && /^[^ -]/ { exit } on' > "$WORK/items.yaml"
else
  for f in "$RENDERED"/*.yaml; do
    awk '/^---/ { first = 1; next } /^[^ #]/ && first { print "- " $0; first = 0; next } { if (!first) print "  " $0 }
         BEGIN { first = 1 }' "$f"
  done > "$WORK/items.yaml"
fi
size=$(stat -c %s "$WORK/items.yaml")
copies=$(( (MB * 1000000 + size / 2) / size )); [ "$copies" -ge 1 ] || copies=1
echo "apiVersion: config.kubernetes.io/v1"
echo "kind: ResourceList"
echo "items:"
for ((c = 0; c < copies; c++)); do
  # Each copy renames its objects (metadata.name) and their files.
  sed -e "s/^    name: /    name: c$c-/" -e "s#\(config.kubernetes.io/path: '\)#\1c$c/#" "$WORK/items.yaml"
done
cat <<'CFG'
functionConfig:
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: function-input
  data:
    registry: mirror.example:5000
CFG
