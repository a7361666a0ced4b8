#!/usr/bin/env bash
# Identity round trip: every upstream fixture, wrapped in a ResourceList by
# kpt itself, comes back byte for byte under a config that matches nothing;
# the only addition is the results naming each image left off the mirror
# (warnings, never errors).
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: identity.sh BINARY}")
need kpt
n=0
for f in "$ROOT"/testdata/upstream/{crs,imageconfig,rendered}/*.yaml; do
  rm -rf "$T/pkg"; mkdir "$T/pkg"; cp "$f" "$T/pkg/"
  kpt fn source "$T/pkg" --fn-config "$ROOT/testdata/configs/nomatch.yaml" > "$T/in.yaml" 2> /dev/null
  "$BIN" < "$T/in.yaml" > "$T/out.yaml" 2> "$T/err"; rc=$?
  check "$(basename "$f"): exit 0" "[ $rc -eq 0 ]"
  strip_results "$T/out.yaml" > "$T/items.yaml"
  check "$(basename "$f"): byte-identical but for the results" "cmp -s '$T/in.yaml' '$T/items.yaml'"
  check "$(basename "$f"): results are warnings about images off the mirror" \
    "! grep -E '^  severity: ' '$T/out.yaml' | grep -qv warning && ! grep -E '^- message: ' '$T/out.yaml' | grep -qvE 'from outside the mirror|cannot be known|no field, image config entry'"
  n=$((n+1))
done
check "every fixture was tried" "[ $n -eq 36 ]"
# A JSON rendering of one of them.
for f in "$ROOT"/testdata/identity-json/*.json; do
  "$BIN" < "$f" > "$T/out.json" 2> /dev/null; rc=$?
  check "$(basename "$f"): exit 0" "[ $rc -eq 0 ]"
  strip_results "$T/out.json" > "$T/items.json"
  check "$(basename "$f"): byte-identical but for the results" "cmp -s '$f' '$T/items.json'"
done
finish
