#!/usr/bin/env bash
# The whole Dockerfile, built offline with podman: a debian:12 base made
# locally with mmdebstrap (from Debian's mirror, like every package we use),
# imported as docker.io/library/debian:12, then `podman build --pull=never`
# (stage 1 installs the build packages, builds and runs the unit tests;
# stage 2 is the scratch runtime). The image is then run once (--version, and
# a ResourceList as nobody with no network) and saved as a docker archive.
# Usage: scripts/image_offline.sh OUT_DIR VERSION_TAG
# Leaves OUT_DIR/k8ssandra-images.tar (podman load -i / docker load -i) and
# OUT_DIR/image-build.log; everything else podman wrote is removed.
set -euo pipefail
OUT=$(mkdir -p "$1" && cd "$1" && pwd); TAG=${2:?usage: image_offline.sh OUT_DIR VERSION_TAG}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PODMAN_ROOT=$(mktemp -d)
trap 'podman rm -af > /dev/null 2>&1 || true; podman rmi -af > /dev/null 2>&1 || true; rm -rf "$PODMAN_ROOT"' EXIT
source "$ROOT/scripts/podman_env.sh"
LOG="$OUT/image-build.log"; : > "$LOG"
IMAGE="localhost/k8ssandra-images:$TAG"
echo "image: debian:12 base with mmdebstrap" | tee -a "$LOG"
mmdebstrap --variant=minbase --quiet bookworm "$PODMAN_ROOT/debian12.tar" >> "$LOG" 2>&1
podman import "$PODMAN_ROOT/debian12.tar" docker.io/library/debian:12 >> "$LOG" 2>&1
rm -f "$PODMAN_ROOT/debian12.tar"
echo "image: podman build --pull=never (stage 1 builds and runs the unit tests)" | tee -a "$LOG"
(cd "$ROOT" && podman build --pull=never --build-arg VERSION="$TAG" -t "$IMAGE" -f Dockerfile .) >> "$LOG" 2>&1
podman run --rm --network none --user nobody "$IMAGE" --version | tee -a "$LOG" | grep -q "^k8ssandra-images $TAG"
podman run --rm -i --network none --user nobody --security-opt=no-new-privileges "$IMAGE" \
  < "$ROOT/testdata/core-anchors-quoting/input.yaml" > "$PODMAN_ROOT/out.yaml"
cmp -s "$PODMAN_ROOT/out.yaml" "$ROOT/testdata/core-anchors-quoting/.expected/output.yaml"
rm -f "$OUT/k8ssandra-images.tar"
podman save --format docker-archive -o "$OUT/k8ssandra-images.tar" "$IMAGE" >> "$LOG" 2>&1
echo "image: $IMAGE built from the whole Dockerfile, ran, saved as $OUT/k8ssandra-images.tar" | tee -a "$LOG"
