#!/usr/bin/env bash
# Golden runner, kpt catalog style. Each testdata/<case>/ holds either
#   input.yaml  a ResourceList (functionConfig included), run as: BIN < input.yaml
# or
#   cmd         arguments for the plain-files mode, run from the case folder;
#               the last argument is the file the diff is taken against
# and .expected/ with
#   config.yaml  exitCode: N, and stdErr: text that stderr must contain
#   output.yaml  the exact stdout, or
#   diff.patch   `diff -u` of the input file against stdout (for large streams)
#   stderr.txt   (optional) the exact stderr
# Every case runs again on its own output; the items must not change.
# UPDATE=1 rewrites .expected/ from what the binary prints (review the diff!).
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: golden.sh BINARY}")
TMP=$T

# strip_results (tests/lib.sh): the output without its results, which differ
# between a first and a second run.
check() {
  local name=$1 ok=$2 why=$3
  if [ "$ok" = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $name: $why"; fi
}

for dir in "$ROOT"/testdata/*/; do
  case_name=$(basename "$dir")
  case "$case_name" in inventory-*) continue ;; esac  # tests/inventory.sh
  exp="$dir/.expected"
  [ -d "$exp" ] || continue
  out="$TMP/$case_name.out"; err="$TMP/$case_name.err"
  if [ -f "$dir/input.yaml" ]; then
    mode=list
    "$BIN" < "$dir/input.yaml" > "$out" 2> "$err"; rc=$?
    base="$dir/input.yaml"
  else
    mode=cmd
    read -r -a args < "$dir/cmd"
    (cd "$dir" && "$BIN" "${args[@]}" < /dev/null > "$out" 2> "$err"); rc=$?
    base="$dir/${args[${#args[@]}-1]}"
  fi
  if [ "${UPDATE:-}" = 1 ]; then
    mkdir -p "$exp"
    { echo "exitCode: $rc"; [ -s "$err" ] && printf 'stdErr: %s\n' "$(head -1 "$err" | sed 's/"/\\"/g; s/^/"/; s/$/"/')"; } > "$exp/config.yaml"
    if [ -s "$err" ]; then cp "$err" "$exp/stderr.txt"; else rm -f "$exp/stderr.txt"; fi
    if [ "$mode" = cmd ]; then
      (cd "$dir" && diff -u --label input --label output "$base" "$out") > "$exp/diff.patch"; rm -f "$exp/output.yaml"
    else
      cp "$out" "$exp/output.yaml"; rm -f "$exp/diff.patch"
    fi
  fi
  want_rc=$(sed -n 's/^exitCode: *//p' "$exp/config.yaml")
  check "$case_name exit code" "$([ "$rc" = "$want_rc" ] && echo 1 || echo 0)" "got $rc, want $want_rc; stderr: $(head -c 300 "$err")"
  want_err=$(sed -n 's/^stdErr: *//p' "$exp/config.yaml" | sed 's/^"//; s/"$//; s/\\"/"/g')
  if [ -n "$want_err" ]; then
    check "$case_name stderr" "$(grep -qF -- "$want_err" "$err" && echo 1 || echo 0)" "stderr lacks: $want_err"
  else
    check "$case_name stderr" "$([ ! -s "$err" ] && echo 1 || echo 0)" "unexpected stderr: $(head -c 300 "$err")"
  fi
  [ -f "$exp/stderr.txt" ] && check "$case_name stderr.txt" "$(cmp -s "$exp/stderr.txt" "$err" && echo 1 || echo 0)" "$(diff "$exp/stderr.txt" "$err" | head -10)"
  if [ -f "$exp/output.yaml" ]; then
    check "$case_name output" "$(cmp -s "$exp/output.yaml" "$out" && echo 1 || echo 0)" "$(diff "$exp/output.yaml" "$out" | head -20)"
  elif [ -f "$exp/diff.patch" ]; then
    (cd "$dir" && diff -u --label input --label output "$base" "$out") > "$TMP/$case_name.patch"
    check "$case_name diff.patch" "$(cmp -s "$exp/diff.patch" "$TMP/$case_name.patch" && echo 1 || echo 0)" "$(diff "$exp/diff.patch" "$TMP/$case_name.patch" | head -20)"
  fi
  # Idempotency: a second run on the output changes no item.
  if [ "$rc" = 0 ]; then
    if [ "$mode" = list ]; then
      "$BIN" < "$out" > "$out.2" 2> /dev/null
      check "$case_name idempotent" "$(cmp -s <(strip_results "$out") <(strip_results "$out.2") && echo 1 || echo 0)" \
        "$(diff <(strip_results "$out") <(strip_results "$out.2") | head -20)"
      if [ "$(head -c1 "$out")" = "{" ]; then
        "$BIN" < "$out.2" > "$out.3" 2> /dev/null
        check "$case_name idempotent, results included" "$(cmp -s "$out.2" "$out.3" && echo 1 || echo 0)" "$(diff "$out.2" "$out.3" | head -20)"
      fi
    else
      last=$(( ${#args[@]} - 1 ))
      args2=("${args[@]}"); args2[$last]="$out"
      (cd "$dir" && "$BIN" "${args2[@]}" < /dev/null > "$out.2" 2> /dev/null)
      check "$case_name idempotent" "$(cmp -s "$out" "$out.2" && echo 1 || echo 0)" "$(diff "$out" "$out.2" | head -20)"
    fi
  fi
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
