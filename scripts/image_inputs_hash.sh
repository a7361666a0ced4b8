#!/usr/bin/env bash
# The hash of what the full image build depends on beyond the sources:
# Dockerfile, .dockerignore, packaging/ (the stamp itself excluded), CMakeLists.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
{ for f in Dockerfile .dockerignore CMakeLists.txt $(ls packaging | grep -v '^image-build.stamp$' | sed 's#^#packaging/#'); do
    printf '%s\n' "$f"; cat "$f"; done; } | sha256sum | cut -c1-16
