# Shared by the shell tests: a temp dir, counters, and `check NAME CONDITION`.
# Each test ends with `finish`, which prints "N passed, N failed".
set -u
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pass=0; fail=0
check() {
  if eval "$2"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL - $1"; fi
}
finish() {
  echo "$(basename "$0" .sh): $pass passed, $fail failed"
  [ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
}
absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
# need TOOL...: a test whose tool is missing is skipped (exit 77, which CTest
# reports as skipped), except under CI (CI set), where it is a failure.
need() {
  local t
  for t in "$@"; do
    command -v "$t" > /dev/null 2>&1 && continue
    if [ -n "${CI:-}" ]; then echo "FAIL - $t is not on PATH (CI requires it)"; exit 1; fi
    echo "skipped: $t not on PATH"; exit 77
  done
}
# The output without its results: the last entry, from a line `results:` to
# the end (or to a `...` line) in a block document; in a flow one the lines
# `  "results": [` to `  ]` with the comma before them. (The layout
# krm/results_splice.cc writes, restated here as a test oracle should.)
strip_results() {
  if [ "$(head -c1 "$1")" = "{" ]; then
    awk '/^  "?results"?: \[/ { skip = 1; sub(/,$/, "", prev); next }
         skip && /^  \]/ { skip = 0; rest = substr($0, 4); if (rest != "") prev = prev rest; next }
         skip { next }
         { if (have) print prev; prev = $0; have = 1 }
         END { if (have) print prev }' "$1"
  else
    awk '/^results:/ { skip = 1; next } skip && /^\.\.\.([ \t]|$)/ { skip = 0 } !skip { print }' "$1"
  fi
}
