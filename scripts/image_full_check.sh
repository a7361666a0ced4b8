#!/usr/bin/env bash
# CTest's image_full: the whole Dockerfile is built offline (scripts/
# image_offline.sh, about 5 minutes) when the files it depends on most
# (Dockerfile, .dockerignore, packaging/, CMakeLists.txt) changed since the
# last full build that passed, as recorded by `make image-offline` in
# packaging/image-build.stamp; otherwise skipped (exit 77). K8SI_FULL_IMAGE=1
# forces the build.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:?usage: image_full_check.sh OUT_DIR}
now=$(bash "$ROOT/scripts/image_inputs_hash.sh")
was=$(cat "$ROOT/packaging/image-build.stamp" 2> /dev/null || true)
if [ "${K8SI_FULL_IMAGE:-}" != 1 ] && [ "$now" = "$was" ]; then
  echo "skipped: Dockerfile, packaging/ and CMakeLists.txt are as in the last full build that passed ($now)"
  exit 77
fi
for t in podman mmdebstrap; do
  command -v "$t" > /dev/null || {
    [ -n "${CI:-}" ] && { echo "FAIL - $t is not on PATH (CI requires it)"; exit 1; }
    echo "skipped: $t not on PATH"; exit 77
  }
done
if bash "$ROOT/scripts/image_offline.sh" "$OUT" "0.0.0-test"; then
  echo "image_full: 1 passed, 0 failed (record it with: make image-offline)"
else
  echo "image_full: 0 passed, 1 failed"; tail -30 "$OUT/image-build.log"; exit 1
fi
