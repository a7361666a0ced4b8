#!/usr/bin/env bash
# Seeds each fuzz target's corpus in DIR/<target>/ from testdata/ (every
# golden input) and tests/fuzz/corpus/<target>/ (inputs worth keeping:
# past findings, shapes the seeds lack). Usage: corpus.sh DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${1:?usage: corpus.sh DIR}
for target in resource_list stream image_config image_ref parallel_parse; do
  mkdir -p "$DIR/$target"
  [ -d "$ROOT/tests/fuzz/corpus/$target" ] && cp "$ROOT/tests/fuzz/corpus/$target/"* "$DIR/$target/" 2> /dev/null || true
done
n=0
for f in "$ROOT"/testdata/*/input.yaml; do
  n=$((n + 1))
  cp "$f" "$DIR/resource_list/seed-$n"
  # The items alone, as a stream and as the tail of a ResourceList.
  sed -n '/^items:/,/^[a-zA-Z]/p' "$f" | sed '1d;$d' | sed 's/^  //; s/^- /---\n/' > "$DIR/stream/seed-$n"
  sed -n '/^items:/,/^[a-zA-Z]/p' "$f" | sed '1d;$d' > "$DIR/parallel_parse/seed-$n"
done
for f in "$ROOT"/testdata/upstream/imageconfig/*.yaml; do
  n=$((n + 1))
  printf '\001' > "$DIR/image_config/seed-$n"; cat "$f" >> "$DIR/image_config/seed-$n"
done
grep -rhoE '(image|serverImage|repository): *[^ #]+' "$ROOT/testdata" 2> /dev/null | sed -E 's/^[a-zA-Z]+: *//; s/^["'"'"']//; s/["'"'"']$//' |
  sort -u | head -2000 | while read -r ref; do
    n=$((n + 1)); printf '%s' "$ref" > "$DIR/image_ref/seed-$(echo "$ref" | md5sum | cut -c1-12)"
  done
echo "corpus: $(find "$DIR" -type f | wc -l) files in $DIR"
