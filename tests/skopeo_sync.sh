#!/usr/bin/env bash
# skopeo accepts the inventory's `--format skopeo` file: `skopeo sync --src
# yaml` reads every registry and repository of it and fails only where this
# machine has no network (copying the first image), never on parsing.
# (`skopeo sync --dry-run` needs the network too.)
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: skopeo_sync.sh BINARY}")
need skopeo

cat > "$T/pod.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: "ghcr.io/example/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
  - {name: b, image: "busybox:1.36"}
YAML
"$BIN" images --format skopeo "$ROOT/examples/air-gapped" "$T/pod.yaml" > "$T/sync.yaml" 2> /dev/null; rc=$?
check "the inventory exits 0" "[ $rc -eq 0 ]"
check "a digest is listed as one" "grep -q 'sha256:0123' '$T/sync.yaml'"
mkdir -p "$T/dest"
timeout 120 skopeo sync --src yaml --dest dir "$T/sync.yaml" "$T/dest" > "$T/skopeo.log" 2>&1
check "skopeo sync fails (no network here)" "[ $? -ne 0 ]"
for repo in $(awk '/^    [^ -]/ { sub(/:$/, "", $1); print $1 }' "$T/sync.yaml"); do
  check "skopeo read repository $repo" "grep -q 'repo=$repo\$' '$T/skopeo.log' || grep -q 'repo=$repo ' '$T/skopeo.log'"
done
check "skopeo failed on the network" "grep -qE 'dial tcp|no such host|pinging container registry|network is unreachable|connection refused' '$T/skopeo.log'"
check "skopeo did not fail on the file" "! grep -qiE 'unmarshal|yaml:|invalid reference|parsing' '$T/skopeo.log'"
finish skopeo_sync
