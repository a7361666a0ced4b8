#!/usr/bin/env bash
# The README's Argo CD Config Management Plugin recipe, run word for word
# with `sh -c` (as the plugin spec does), against a kustomize that fails, one
# that fails halfway through its output, and one that works. Neither failure
# may end in exit 0: an empty or short stream would make a pruning sync
# delete what is missing.
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: gitops.sh BINARY}")
# The script: the lines of the `- |` block in the README's Argo CD section.
awk '/^### Argo CD/{a=1} a&&/^      - \|$/{s=1;next} s&&/^```/{exit} s{sub(/^        /,""); print}' \
  "$ROOT/README.md" > "$T/generate.sh"
check "the README's recipe was found" "grep -q 'kustomize build' '$T/generate.sh' && grep -q 'k8ssandra-images --config' '$T/generate.sh'"
check "the recipe has no pipe" "! grep -q '|' '$T/generate.sh'"

mkdir -p "$T/bin" "$T/app"
ln -s "$BIN" "$T/bin/k8ssandra-images"
cp "$ROOT/testdata/configs/registry.yaml" "$T/app/k8ssandra-images.yaml"
cp "$ROOT/testdata/upstream/crs/cassdc-co-hcd-serverimage.yaml" "$T/app/dc.yaml"
printf 'resources:\n- dc.yaml\n' > "$T/app/kustomization.yaml"
kustomize_that() {  # kustomize_that works|fails|halfway
  case $1 in
    works) printf '#!/bin/sh\ncat dc.yaml\n' ;;
    fails) printf '#!/bin/sh\necho "Error: accumulating resources" >&2\nexit 1\n' ;;
    halfway) printf '#!/bin/sh\nhead -5 dc.yaml\necho "Error: write: broken" >&2\nexit 1\n' ;;
  esac > "$T/bin/kustomize"
  chmod +x "$T/bin/kustomize"
}
mkdir -p "$T/tmp"
generate() { (cd "$T/app" && TMPDIR="$T/tmp" PATH="$T/bin:$PATH" sh -c "$(cat "$T/generate.sh")") > "$T/out" 2> "$T/err"; }

kustomize_that works; generate; rc=$?
check "kustomize works: exit 0" "[ $rc -eq 0 ]"
check "kustomize works: the manifests, relocated" "grep -q 'registry.corp.example:5000/datastax/hcd' '$T/out'"
check "kustomize works: its temp file is removed" "[ -z \"\$(ls -A '$T/tmp')\" ]"

kustomize_that fails; generate; rc=$?
check "kustomize fails: the sync fails" "[ $rc -ne 0 ]"
check "kustomize fails: no manifests" "[ ! -s '$T/out' ]"
check "kustomize fails: its message is shown" "grep -q 'accumulating resources' '$T/err'"

kustomize_that halfway; generate; rc=$?
check "kustomize fails halfway: the sync fails" "[ $rc -ne 0 ]"
check "kustomize fails halfway: no manifests" "[ ! -s '$T/out' ]"

# Control: the pipe the recipe avoids. With the same halfway failure, plain
# `sh -c 'a | b'` succeeds with a truncated stream; this is why it is gone.
(cd "$T/app" && PATH="$T/bin:$PATH" sh -c 'kustomize build . | k8ssandra-images --config k8ssandra-images.yaml') > "$T/out" 2> "$T/err"; rc=$?
check "control: a pipe hides the halfway failure (exit 0, truncated)" "[ $rc -eq 0 ] && [ \$(wc -l < '$T/out') -lt \$(wc -l < '$T/app/dc.yaml') ]"
# With a kustomize that prints nothing, even the pipe fails: an empty stream is refused.
kustomize_that fails
(cd "$T/app" && PATH="$T/bin:$PATH" sh -c 'kustomize build . | k8ssandra-images --config k8ssandra-images.yaml') > "$T/out" 2> "$T/err"; rc=$?
check "an empty stream through a pipe still fails" "[ $rc -eq 1 ] && [ ! -s '$T/out' ] && grep -q 'no resources in the input' '$T/err'"
finish
