#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only when missing.
set -euo pipefail
need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
# podman and runc run the container tests (no docker engine is needed);
# mmdebstrap makes the debian:12 base of the offline image build;
# skopeo reads the inventory's skopeo sync file (tests/skopeo_sync.sh).
# clang-tidy and clang-format check the house rules (tests/code_health.sh);
# clang and its runtime libraries (libFuzzer, the sanitizers) build the
# sanitizer job and the fuzz targets.
# python3-jsonschema and python3-yaml check every changed object against its
# CRD's OpenAPI schema (tests/crd_schema.py).
for p in g++ cmake make libyaml-cpp-dev rapidjson-dev doctest-dev diffutils time podman runc mmdebstrap \
         clang-tidy clang-format clang libclang-rt-dev skopeo python3-jsonschema python3-yaml; do
  have "$p" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing packages: ${need[*]} (run as root, or install them)" >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
