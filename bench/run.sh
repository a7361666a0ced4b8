#!/usr/bin/env bash
# Benchmark (a program, not a test): wall time (median of RUNS), MB/s, peak
# RSS against the input, and the ratio to `cat` of the same file in the same
# run, for
#   - the realistic input: the upstream rendered installs read as kpt reads
#     a package, repeated with renamed objects to REAL_MB (bench/realistic.sh),
#     relocated to a registry; from a file and through a pipe (as kpt feeds it);
#   - generated ResourceLists of N resources (Deployments, K8ssandraClusters,
#     Services, ConfigMaps, CRDs: bench/gen.cc), unchanged and relocated, and
#     relocated as one plain multi-document file (`--config`);
#   - `kpt fn eval --exec` on the k8ssandra-operator v1.32.5 install package,
#     with the function and with `cat` in its place (kpt's own share).
# Usage: bench/run.sh BUILD_DIR [N...]   (env: RUNS=3 REAL_MB=40)
set -euo pipefail
BUILD=${1:-build}; shift || true
SIZES=${*:-1000 10000 30000}
RUNS=${RUNS:-3}; REAL_MB=${REAL_MB:-40}
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$(cd "$BUILD" && pwd)/k8ssandra-images; GEN=$(cd "$BUILD" && pwd)/bench_gen
OUT=$HERE/out; mkdir -p "$OUT"

# wall CMD... (stdin from $IN): the median wall time of RUNS runs, in seconds.
wall() {
  local times=() t0 t1 i
  for ((i = 0; i < RUNS; i++)); do
    t0=$EPOCHREALTIME; "$@" < "$IN" > /dev/null 2>&1 || true; t1=$EPOCHREALTIME
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
# rss CMD... (stdin from $IN): peak RSS in KiB.
rss() {
  /usr/bin/time -f "%M" -o "$OUT/rss.txt" "$@" < "$IN" > /dev/null 2>&1 || true
  cat "$OUT/rss.txt"
}
# row LABEL BYTES CAT_SECONDS CMD... (stdin from $IN)
row() {
  local label=$1 bytes=$2 cat_s=$3; shift 3
  local s kb
  s=$(wall "$@"); kb=$(rss "$@")
  awk -v l="$label" -v b="$bytes" -v s="$s" -v k="$kb" -v c="$cat_s" 'BEGIN {
    mb = b / 1e6; printf "| %-44s | %6.1f | %6.3f | %7.1f | %7.0f | %4.2fx | %6.0fx |\n",
      l, mb, s, (s > 0 ? mb / s : 0), k / 1024, (k * 1024) / b, (c > 0 ? s / c : 0) }'
}

echo "| run | input MB | wall s | MB/s | peak RSS MB | RSS/input | x cat |"
echo "|---|---|---|---|---|---|---|"
bash "$HERE/realistic.sh" "$REAL_MB" > "$OUT/real.yaml"
bytes=$(stat -c %s "$OUT/real.yaml")
IN="$OUT/real.yaml"
cat_s=$(wall cat)
row "cat, realistic" "$bytes" "$cat_s" cat
row "k8ssandra-images, realistic, relocate all" "$bytes" "$cat_s" "$BIN"
# As kpt feeds a function: through a pipe (the size is not known up front).
row "k8ssandra-images, realistic, through a pipe" "$bytes" "$cat_s" bash -c 'cat | "$0"' "$BIN"
rm -f "$OUT/real.yaml"
for n in $SIZES; do
  "$GEN" "$n" > "$OUT/list-$n.yaml"
  bytes=$(stat -c %s "$OUT/list-$n.yaml")
  IN="$OUT/list-$n.yaml"
  cat_s=$(wall cat)
  row "k8ssandra-images, $n, no change" "$bytes" "$cat_s" "$BIN"
  # The items come back byte for byte; the results name the images left off the mirror.
  "$BIN" < "$IN" > "$OUT/stdout" 2> /dev/null || true
  cmp -s <(awk '/^results:/ { exit } { print }' "$OUT/stdout") "$IN" || echo "(items differ from input!)"
  sed 's/rules: nothing.example.invalid=mirror.example/registry: mirror.example:5000/' "$IN" > "$OUT/reloc-$n.yaml"
  IN="$OUT/reloc-$n.yaml"
  row "k8ssandra-images, $n, relocate all" "$bytes" "$cat_s" "$BIN"
  # The same resources as plain files (the CLI, a Helm post-renderer): one
  # multi-document stream, relocated by a config file.
  awk '/^items:/ { on = 1; next } on && /^[^ -]/ { exit }
       on && /^- / { if (k++) print "---"; print substr($0, 3); next } on { print substr($0, 3) }' \
    "$OUT/list-$n.yaml" > "$OUT/stream-$n.yaml"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\ndata:\n  registry: mirror.example:5000\n' \
    > "$OUT/stream-config.yaml"
  IN=/dev/null
  row "k8ssandra-images, $n, plain files, relocate all" "$(stat -c %s "$OUT/stream-$n.yaml")" "$cat_s" \
    "$BIN" --config "$OUT/stream-config.yaml" --quiet "$OUT/stream-$n.yaml"
  rm -f "$OUT/list-$n.yaml" "$OUT/reloc-$n.yaml" "$OUT/stream-$n.yaml" "$OUT/stream-config.yaml" "$OUT/stdout"
done
if command -v kpt > /dev/null; then
  PKG=$OUT/pkg; rm -rf "$PKG"; mkdir -p "$PKG"
  cp "$HERE/../testdata/upstream/rendered/k8ssandra-operator-v1.32.5-control-plane.yaml" "$PKG/"
  bytes=$(stat -c %s "$PKG"/*.yaml)
  IN=/dev/null
  eval_cat() { kpt fn eval "$PKG" --truncate-output=false --exec cat > /dev/null; }
  eval_fn() { kpt fn eval "$PKG" --truncate-output=false --exec "$BIN" -- registry=mirror.example:5000 > /dev/null; }
  # kpt writes the package back: start each run from the same files.
  cp "$PKG"/*.yaml "$OUT/pkg.orig"
  restore() { cp "$OUT/pkg.orig" "$PKG/k8ssandra-operator-v1.32.5-control-plane.yaml"; }
  t_cat=$(wall eval_cat); restore
  t_fn=$(wall eval_fn); restore
  echo
  echo "kpt fn eval --exec on the v1.32.5 install ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB):" \
    "with cat ${t_cat} s, with k8ssandra-images ${t_fn} s;" \
    "the function's share: $(awk -v a="$t_cat" -v b="$t_fn" 'BEGIN { printf "%.0f%%", (b > a ? (b - a) / b * 100 : 0) }')"
  rm -rf "$PKG" "$OUT/pkg.orig"
fi
