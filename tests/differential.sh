#!/usr/bin/env bash
# Differential test: every input is run twice, the default way (the
# structural pre-scan indexes what it can and passes over the items the
# function cannot read images from) and with K8SSANDRA_IMAGES_READ=full
# (yaml-cpp reads every item). Stdout, stderr and the exit code must be
# identical. The inputs: every golden case (ResourceList or plain-files
# mode), every upstream fixture in testdata/upstream/ (as a plain stream
# relocated to a registry, and wrapped as a ResourceList), and the fuzz
# seeds tests/fuzz/corpus.sh makes (ResourceLists and streams).
# Usage: differential.sh BINARY
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: differential.sh BINARY}")
runs=0

# same NAME DIR ARGS... (stdin from $IN): the two ways agree.
same() {
  local name=$1 dir=$2; shift 2
  (cd "$dir" && "$BIN" "$@" < "$IN" > "$T/fast.out" 2> "$T/fast.err"); local a=$?
  (cd "$dir" && K8SSANDRA_IMAGES_READ=full "$BIN" "$@" < "$IN" > "$T/full.out" 2> "$T/full.err"); local b=$?
  runs=$((runs + 1))
  if [ "$a" = "$b" ] && cmp -s "$T/fast.out" "$T/full.out" && cmp -s "$T/fast.err" "$T/full.err"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL - $name: exit $a / $b"; diff "$T/fast.out" "$T/full.out" | head -5
    diff "$T/fast.err" "$T/full.err" | head -5
  fi
}

# A plain stream as the items of a ResourceList (one item per document).
wrap() {
  echo "apiVersion: config.kubernetes.io/v1"; echo "kind: ResourceList"; echo "items:"
  awk 'BEGIN { first = 1 } /^---/ { first = 1; next } /^[^ #]/ && first { print "- " $0; first = 0; next }
       { if (!first) print "  " $0 }' "$1"
  printf 'functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n  data:\n    registry: mirror.example:5000\n'
}

printf 'registry: mirror.example:5000\n' > "$T/config.yaml"
for dir in "$ROOT"/testdata/*/; do
  name=$(basename "$dir")
  if [ -f "$dir/input.yaml" ]; then
    IN="$dir/input.yaml" same "$name" "$dir"
  elif [ -f "$dir/cmd" ]; then
    read -r -a args < "$dir/cmd"
    IN=/dev/null same "$name" "$dir" "${args[@]}"
  fi
done
for f in "$ROOT"/testdata/upstream/*/*.yaml; do
  IN=/dev/null same "upstream $(basename "$f") (stream)" "$T" --config "$T/config.yaml" "$f"
  wrap "$f" > "$T/wrapped.yaml"
  IN="$T/wrapped.yaml" same "upstream $(basename "$f") (list)" "$T"
done
bash "$ROOT/tests/fuzz/corpus.sh" "$T/corpus" > /dev/null
for f in "$T"/corpus/resource_list/*; do IN="$f" same "fuzz seed $(basename "$f")" "$T"; done
for f in "$T"/corpus/stream/*; do IN=/dev/null same "fuzz stream seed $(basename "$f")" "$T" --config "$T/config.yaml" "$f"; done
check "at least 750 inputs were compared ($runs)" '[ "$runs" -ge 750 ]'
finish
