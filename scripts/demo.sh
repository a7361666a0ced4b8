#!/usr/bin/env bash
# `make demo`: relocates the bundled air-gapped example (the k8ssandra-operator
# v1.32.5 install plus a two-datacenter K8ssandraCluster) to one internal
# registry with a pull secret, using the plain-files mode (no kpt needed), and
# shows what changed as a unified diff. The example itself is not modified.
set -euo pipefail
BIN=${1:?usage: demo.sh BINARY}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EX="$ROOT/examples/air-gapped"
OUT=$(dirname "$BIN")/demo
mkdir -p "$OUT"

# The plain-files mode reads the files in name order and joins them with
# `---`; build the same stream so the diff lines up with the input.
files=("$EX/cluster.yaml" "$EX/k8ssandra-operator.yaml")
: > "$OUT/input.yaml"
for f in "${files[@]}"; do
  [ -s "$OUT/input.yaml" ] && echo "---" >> "$OUT/input.yaml"
  cat "$f" >> "$OUT/input.yaml"
done

echo "== functionConfig ($EX/mirror.yaml)"
sed -n '/^spec:/,$p' "$EX/mirror.yaml"
echo
echo "== $BIN --config mirror.yaml cluster.yaml k8ssandra-operator.yaml"
set +e
"$BIN" --config "$EX/mirror.yaml" "${files[@]}" > "$OUT/output.yaml" 2> "$OUT/results.txt"
rc=$?
set -e
echo "exit code: $rc"
echo
echo "== results ($(wc -l < "$OUT/results.txt") lines, all in $OUT/results.txt)"
grep -v ': info: relocated' "$OUT/results.txt" || true
echo "... plus $(grep -c ': info: relocated' "$OUT/results.txt") 'relocated' info lines"
echo
echo "== what changed (diff -u input output)"
diff -u --label input --label output "$OUT/input.yaml" "$OUT/output.yaml" || true
echo
echo "Everything else is byte-identical: $(diff "$OUT/input.yaml" "$OUT/output.yaml" | grep -c '^<') lines changed, $(diff "$OUT/input.yaml" "$OUT/output.yaml" | grep -c '^>') written, of $(wc -l < "$OUT/input.yaml")."
echo "Output: $OUT/output.yaml"
exit "$rc"
