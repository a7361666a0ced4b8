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
