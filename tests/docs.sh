#!/usr/bin/env bash
# The docs match the code: every functionConfig field the code accepts (read
# from the binary itself: the unknown-key warning lists the schema's keys) has
# a row in the README's reference table and a line in --help, with its enum
# values; the README's two commands exist; every example has a README.
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: docs.sh BINARY}")
README="$ROOT/README.md"
"$BIN" --help > "$T/help.txt"; rc=$?
check "--help exits 0" "[ $rc -eq 0 ]"

cat > "$T/in.yaml" <<'EOF'
apiVersion: config.kubernetes.io/v1
kind: ResourceList
items: []
functionConfig:
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: probe}
  data: {registry: r.example, no-such-key: x}
EOF
"$BIN" < "$T/in.yaml" > "$T/out.yaml" 2> /dev/null
keys=$(sed -n "s/.*accepted keys: \([^\"'.]*\).*/\1/p" "$T/out.yaml" | tr -d ',' )
check "the binary lists its accepted keys" "[ -n \"$keys\" ]"
n=0
for k in $keys; do
  n=$((n+1))
  check "README reference table has a row for $k" "grep -q '^| \`$k\` |' '$README'"
  check "--help describes $k" "grep -qE '^  $k( |\$)' '$T/help.txt'"
done
check "at least the nine documented keys ($n)" "[ $n -ge 9 ]"

# Enum values and target names, in both.
for v in keep flatten nest Always IfNotPresent Never rewrite override imageConfig k8ssandra workloads; do
  check "README names $v" "grep -q '$v' '$README'"
  check "--help names $v" "grep -q '$v' '$T/help.txt'"
done
for form in fn.k8ssandra-images.dev/v1alpha1 RegistryRewrite ConfigMap; do
  check "README and --help name the $form form" "grep -q '$form' '$README' && grep -q '$form' '$T/help.txt'"
done
# The modes of the command line, and the exit codes.
for mode in "k8ssandra-images --config" "--version"; do
  check "README and --help show '$mode'" "grep -qF -- '$mode' '$README' && grep -qF -- '$mode' '$T/help.txt'"
done
check "--help gives the exit codes" "grep -q 'Exit codes' '$T/help.txt' && grep -q '^## Exit codes' '$README'"

# The two commands.
check "README states make demo and make test" "grep -q '^make demo' '$README' && grep -q '^make test' '$README'"
check "the Makefile has demo and test" "grep -q '^demo:' '$ROOT/Makefile' && grep -q '^test:' '$ROOT/Makefile'"
check ".ci/run calls the README's test command" "grep -q '^make test' '$ROOT/.ci/run'"
check "README has the benchmark numbers" "grep -q '^| k8ssandra-images, 10000, no change' '$README'"
# `make image` tags with a valid image tag on any checkout (no '+').
tag=$(make -s -C "$ROOT" -n image ENGINE=echo 2> /dev/null | sed -n 's/.* -t k8ssandra-images:\([^ ]*\) .*/\1/p')
check "make image's tag is a valid image tag ($tag)" "echo '$tag' | grep -qE '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\$'"
tag=$(make -s -C "$ROOT" -n image ENGINE=echo VERSION=1.2.3-dev+abc1234 2> /dev/null | sed -n 's/.* -t k8ssandra-images:\([^ ]*\) .*/\1/p')
check "a dev version's '+' becomes '.' in the tag" "[ '$tag' = 1.2.3-dev.abc1234 ]"
check "metadata.yaml says no image is published" "grep -q 'No image is published yet' '$ROOT/metadata.yaml'"
for ex in "$ROOT"/examples/*/; do
  check "$(basename "$ex") has a README" "[ -s '$ex/README.md' ]"
done
finish
