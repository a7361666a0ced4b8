#!/usr/bin/env bash
# Golden inventories. Each testdata/inventory-<case>/ holds `args`: the
# arguments of `k8ssandra-images images` (files relative to the case folder),
# and .expected/ with images.tsv (--format tsv), images.json (--format json),
# stderr.txt and exit-code. UPDATE=1 rewrites .expected/ (review the diff!).
# With --config, the case also runs a second time on its own output (the
# plain mode's relocation of the same files): every image then stays where
# it is, and the targets are the first run's targets.
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: inventory.sh BINARY}")

for dir in "$ROOT"/testdata/inventory-*/; do
  name=$(basename "$dir")
  exp="$dir/.expected"
  read -r -a args < "$dir/args"
  for fmt in tsv json; do
    (cd "$dir" && "$BIN" images --format "$fmt" "${args[@]}" < /dev/null > "$T/$name.$fmt" 2> "$T/$name.err"); rc=$?
    if [ "${UPDATE:-}" = 1 ]; then
      mkdir -p "$exp"; cp "$T/$name.$fmt" "$exp/images.$fmt"; cp "$T/$name.err" "$exp/stderr.txt"; echo "$rc" > "$exp/exit-code"
    fi
    check "$name images.$fmt" "cmp -s '$exp/images.$fmt' '$T/$name.$fmt'"
    check "$name stderr ($fmt)" "cmp -s '$exp/stderr.txt' '$T/$name.err'"
    check "$name exit code ($fmt)" "[ '$rc' = '$(cat "$exp/exit-code")' ]"
  done
  # --explain COMPONENT, when the case names one.
  if [ -f "$dir/explain" ]; then
    (cd "$dir" && "$BIN" images --explain "$(cat explain)" "${args[@]}" < /dev/null > "$T/$name.explain" 2> /dev/null)
    [ "${UPDATE:-}" = 1 ] && cp "$T/$name.explain" "$exp/explain.txt"
    check "$name explain.txt" "cmp -s '$exp/explain.txt' '$T/$name.explain'"
  fi
  # `pinned`: every target is under its first line's prefix and pinned to a
  # digest, except the targets its other lines match (grep -E patterns).
  if [ -f "$dir/pinned" ]; then
    prefix=$(head -1 "$dir/pinned"); except=$(tail -n +2 "$dir/pinned" | paste -sd'|')
    check "$name every target on $prefix" "! cut -f2 '$exp/images.tsv' | grep -v '^$prefix' | grep -q ."
    check "$name every target pinned to a digest" "! cut -f2 '$exp/images.tsv' | grep -v '@sha256:' | grep -vE '${except:-^$}' | grep -q ."
  fi
  # The second run, on the relocated output.
  config=""; files=(); rest=()
  for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[$i]}" in
      --config) config=${args[$((i + 1))]}; i=$((i + 1)) ;;
      --operator-versions) rest+=("${args[$i]}" "${args[$((i + 1))]}"); i=$((i + 1)) ;;
      *) files+=("${args[$i]}") ;;
    esac
  done
  [ -n "$config" ] || continue
  (cd "$dir" && "$BIN" --config "$config" --quiet "${files[@]}" > "$T/$name.relocated.yaml" 2> /dev/null)
  (cd "$dir" && "$BIN" images --format tsv --config "$config" "${rest[@]}" "$T/$name.relocated.yaml" < /dev/null > "$T/$name.2.tsv" 2> /dev/null)
  check "$name second run: nothing moves" "! awk -F'\t' '\$1 != \$2' '$T/$name.2.tsv' | grep -q ."
  check "$name second run: the same targets" "cmp -s <(cut -f2 '$exp/images.tsv' | sort -u) <(cut -f2 '$T/$name.2.tsv' | sort -u)"
done
finish inventory
