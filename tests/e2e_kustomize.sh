#!/usr/bin/env bash
# End to end through kubectl's kustomize (v5.5.0) with --enable-alpha-plugins:
# a container function run through a stand-in docker, the legacy exec plugin,
# and the negative control that kubectl kustomize skips `exec:` functions.
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: e2e_kustomize.sh BINARY}")
need kubectl
E="$ROOT/testdata/e2e"
IMAGE=example.com/k8ssandra-images:test

kustomization() {  # kustomization DIR FN_FILE
  mkdir -p "$1"; cp "$E/pkg/"*.yaml "$1/"
  printf 'resources:\n- image-config.yaml\n- k8ssandra.yaml\n- operator.yaml\ntransformers:\n- %s\n' "$2" > "$1/kustomization.yaml"
}
fn_spec() {  # fn_spec FILE RUNTIME_LINE...: the function's config, run as the lines say
  local file=$1; shift
  { printf 'apiVersion: fn.k8ssandra-images.dev/v1alpha1\nkind: RegistryRewrite\nmetadata:\n  name: mirror\n'
    printf '  annotations:\n    config.kubernetes.io/function: |\n'
    printf '      %s\n' "$@"
    printf 'spec:\n  registry: registry.corp.example:5000\n'; } > "$file"
}
relocated() {  # the checks every successful run must pass
  check "$1: operator image" "grep -q 'image: registry.corp.example:5000/k8ssandra/cass-operator:v1.32.0' '$2'"
  check "$1: per-node config image" "grep -q 'perNodeConfigInitContainerImage: registry.corp.example:5000/k8ssandra/k8ssandra-client:dc8ac644' '$2'"
  check "$1: embedded image config" "grep -q 'registry: \"registry.corp.example:5000\"' '$2'"
  check "$1: reaper structured image" "grep -A4 'containerImage:' '$2' | grep -q 'registry: registry.corp.example:5000'"
  check "$1: no docker.io image left" "! grep -E 'image: .?docker.io' '$2'"
}

# 1. Container function spec, run by the stand-in docker.
kustomization "$T/container" fn.yaml
fn_spec "$T/container/fn.yaml" "container:" "  image: $IMAGE"
PATH="$ROOT/tests/shim:$PATH" FAKE_DOCKER_MAP="$IMAGE=$BIN" FAKE_DOCKER_LOG="$T/docker.log" \
  kubectl kustomize --enable-alpha-plugins "$T/container" > "$T/container.yaml" 2> "$T/container.err"; rc=$?
check "container: exit 0" "[ $rc -eq 0 ]"
check "container: docker was called with the image, as nobody" "grep -q -- '--user nobody.*$IMAGE' '$T/docker.log'"
relocated container "$T/container.yaml"

# 1b. imageList through the container function: the list ConfigMap is
# local-config, so kustomize drops it from what it prints.
kustomization "$T/list" fn.yaml
fn_spec "$T/list/fn.yaml" "container:" "  image: $IMAGE"
printf '  imageList: mirror-images\n' >> "$T/list/fn.yaml"
# The function's own output is kept (a wrapper tees it), to see that the
# list was there before kustomize dropped it.
printf '#!/bin/sh\n"%s" | tee "%s"\n' "$BIN" "$T/list-fn-out.yaml" > "$T/tee-fn"; chmod +x "$T/tee-fn"
PATH="$ROOT/tests/shim:$PATH" FAKE_DOCKER_MAP="$IMAGE=$T/tee-fn" FAKE_DOCKER_LOG="$T/docker-list.log" \
  kubectl kustomize --enable-alpha-plugins "$T/list" > "$T/list.yaml" 2> "$T/list.err"; rc=$?
check "imageList: exit 0" "[ $rc -eq 0 ]"
check "imageList: the function added the list" "grep -q 'name: mirror-images' '$T/list-fn-out.yaml'"
relocated imageList "$T/list.yaml"
check "imageList: kustomize dropped the local-config list" "! grep -q 'mirror-images' '$T/list.yaml'"

# 2. The legacy exec plugin: the binary itself at the plugin path.
PLUG="$T/plugins/fn.k8ssandra-images.dev/v1alpha1/registryrewrite"
mkdir -p "$PLUG"; cp "$BIN" "$PLUG/RegistryRewrite"
kustomization "$T/legacy" rewrite.yaml
cat > "$T/legacy/rewrite.yaml" <<CFG
apiVersion: fn.k8ssandra-images.dev/v1alpha1
kind: RegistryRewrite
metadata:
  name: mirror
spec:
  registry: registry.corp.example:5000
CFG
KUSTOMIZE_PLUGIN_HOME="$T/plugins" kubectl kustomize --enable-alpha-plugins "$T/legacy" > "$T/legacy.yaml" 2> "$T/legacy.err"; rc=$?
check "legacy plugin: exit 0" "[ $rc -eq 0 ]"
relocated "legacy plugin" "$T/legacy.yaml"
check "legacy plugin: same result as the container form" "cmp -s '$T/container.yaml' '$T/legacy.yaml'"

# 3. Legacy plugin, failing config: kustomize fails with our message.
sed -i 's/registry: registry.corp.example:5000/registry: nohost/' "$T/legacy/rewrite.yaml"
KUSTOMIZE_PLUGIN_HOME="$T/plugins" kubectl kustomize --enable-alpha-plugins "$T/legacy" > "$T/bad.yaml" 2> "$T/bad.err"; rc=$?
check "legacy plugin, bad config: kustomize fails" "[ $rc -ne 0 ]"
check "legacy plugin, bad config: our error on stderr" "grep -q \"'nohost' is not a registry host\" '$T/bad.err'"

# 4. Negative control: kubectl kustomize silently skips an exec: function.
kustomization "$T/exec" fn.yaml
fn_spec "$T/exec/fn.yaml" "exec:" "  path: $BIN"
kubectl kustomize --enable-alpha-plugins "$T/exec" > "$T/exec.yaml" 2> /dev/null; rc=$?
check "exec spec: kustomize exits 0" "[ $rc -eq 0 ]"
check "exec spec: the function never ran (nothing relocated)" "! grep -q 'registry.corp.example:5000' '$T/exec.yaml' && grep -q 'docker.io/k8ssandra/cass-operator' '$T/exec.yaml'"
finish
