#!/usr/bin/env bash
# The sanitizer job: the project built with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (-DK8SI_SANITIZE=ON -DK8SI_FUZZ=ON) in OUT, then
# the unit tests, every golden case, and each fuzz target over its seed
# corpus (testdata's inputs and tests/fuzz/corpus/; a replay, not fuzzing).
# Any sanitizer report fails the run.
. "$(dirname "$0")/lib.sh"
OUT=${1:?usage: sanitizers.sh OUT_DIR}
need clang++
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cmake -S "$ROOT" -B "$OUT" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DK8SI_SANITIZE=ON -DK8SI_FUZZ=ON > "$T/configure.log" 2>&1
check "configure with clang" "[ $? -eq 0 ] || { tail -20 '$T/configure.log'; false; }"
targets="k8ssandra-images unit_tests resource_list_fuzz stream_fuzz image_config_fuzz image_ref_fuzz parallel_parse_fuzz"
cmake --build "$OUT" -j "$(nproc)" --target $targets > "$T/build.log" 2>&1
check "build with -fsanitize=address,undefined" "[ $? -eq 0 ] || { grep -m20 -E 'error|warning' '$T/build.log'; false; }"
"$OUT/unit_tests" > "$T/unit.log" 2>&1
check "unit tests under the sanitizers" "[ $? -eq 0 ] || { tail -30 '$T/unit.log'; false; }"
bash "$ROOT/tests/golden.sh" "$OUT/k8ssandra-images" > "$T/golden.log" 2>&1
check "golden cases under the sanitizers" "[ $? -eq 0 ] || { tail -30 '$T/golden.log'; false; }"
bash "$ROOT/tests/fuzz/corpus.sh" "$T/corpus" > /dev/null
for target in resource_list stream image_config image_ref parallel_parse; do
  "$OUT/${target}_fuzz" -runs=0 "$T/corpus/$target" > "$T/$target.log" 2>&1
  check "$target corpus replay" "[ $? -eq 0 ] || { tail -30 '$T/$target.log'; false; }"
done
finish
