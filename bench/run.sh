#!/usr/bin/env bash
# Benchmark: wall time, MB/s and peak RSS of k8ssandra-images on generated
# ResourceLists of N resources, and of `kpt fn source` on the same resources
# as a reference. Usage: bench/run.sh BUILD_DIR [N...]
set -euo pipefail
BUILD=${1:-build}; shift || true
SIZES=${*:-1000 10000 30000}
BIN=$BUILD/k8ssandra-images; GEN=$BUILD/bench_gen
OUT=$(dirname "$0")/out; mkdir -p "$OUT"
measure() {  # measure LABEL BYTES CMD... (stdin from $IN)
  local label=$1 bytes=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" < "$IN" > "$OUT/stdout" 2> /dev/null || true
  read -r secs kb < "$OUT/time.txt"
  awk -v l="$label" -v b="$bytes" -v s="$secs" -v k="$kb" 'BEGIN {
    mb = b / 1e6; printf "| %-34s | %7.1f | %6.2f | %7.1f | %7.0f | %4.1fx |\n", l, mb, s, (s > 0 ? mb / s : 0), k / 1024, (k * 1024) / b }'
}
echo "| run | input MB | wall s | MB/s | peak RSS MB | RSS/input |"
echo "|---|---|---|---|---|---|"
for n in $SIZES; do
  "$GEN" "$n" > "$OUT/list-$n.yaml"
  bytes=$(stat -c %s "$OUT/list-$n.yaml")
  IN="$OUT/list-$n.yaml" measure "k8ssandra-images, $n, no change" "$bytes" "$BIN"
  # The items come back byte for byte; the results name the images left off the mirror.
  cmp -s <(awk '/^results:/ { exit } { print }' "$OUT/stdout") "$OUT/list-$n.yaml" || echo "(items differ from input!)"
  sed 's/rules: nothing.example.invalid=mirror.example/registry: mirror.example:5000/' "$OUT/list-$n.yaml" > "$OUT/reloc-$n.yaml"
  IN="$OUT/reloc-$n.yaml" measure "k8ssandra-images, $n, relocate all" "$bytes" "$BIN"
  if command -v kpt > /dev/null; then
    rm -rf "$OUT/pkg-$n"; mkdir -p "$OUT/pkg-$n"
    "$GEN" "$n" --stream > "$OUT/pkg-$n/resources.yaml"
    IN=/dev/null measure "kpt fn source, $n" "$bytes" kpt fn source "$OUT/pkg-$n"
  fi
  rm -f "$OUT/list-$n.yaml" "$OUT/reloc-$n.yaml"; rm -rf "$OUT/pkg-$n"
done
