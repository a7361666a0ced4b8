#!/usr/bin/env bash
# The house rules that a reviewer would otherwise check by hand:
# - no function of krm/ or fn/ is over 60 lines (clang-tidy's
#   readability-function-size, on the build's compile_commands.json);
# - krm/ and include/krm/ hold no K8ssandra word (it is a reusable KRM SDK);
# - fn/ includes no krm internal header, and no public header includes an
#   internal one;
# - the code is formatted as .clang-format says.
. "$(dirname "$0")/lib.sh"
BUILD=${1:?usage: code_health.sh BUILD_DIR}
need clang-tidy clang-format
cd "$ROOT"
sources=$(ls krm/*.cc fn/*.cc | grep -v '_test\.cc$')

long=$(printf '%s\n' $sources | xargs -P2 -n6 clang-tidy -p "$BUILD" --quiet \
  --checks='-*,readability-function-size' \
  --config='{CheckOptions: [{key: readability-function-size.LineThreshold, value: 60}]}' 2>/dev/null |
  grep 'warning:' || true)
check "no function over 60 lines${long:+: $long}" '[ -z "$long" ]'

words=$(grep -rniE 'k8ssandra|cassandra|reaper|stargate|medusa|imageconfig' krm include/krm | grep -v '_test\.cc:' || true)
check "krm has no K8ssandra words${words:+: $words}" '[ -z "$words" ]'

internal=$(grep -n '#include "krm/[a-z_]*_internal\.h"' fn/*.cc fn/*.h include/*/*.h || true)
check "nothing outside krm includes a krm internal header${internal:+: $internal}" '[ -z "$internal" ]'
public=$(grep -ln '#include ".*_internal\.h"' include/*/*.h || true)
check "no public header includes an internal one${public:+: $public}" '[ -z "$public" ]'

unformatted=$(for f in krm/*.cc krm/*.h fn/*.cc fn/*.h include/*/*.h tests/*.cc tests/*.h bench/*.cc; do
  clang-format --style=file "$f" | cmp -s - "$f" || echo "$f"; done)
check "formatted as .clang-format says${unformatted:+: $unformatted}" '[ -z "$unformatted" ]'
finish
