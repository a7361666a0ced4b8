#!/usr/bin/env bash
# The real binary, driven through stdin, stdout, argv and the exit code.
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: process.sh BINARY}")
CFG="$ROOT/testdata/configs/registry.yaml"

# ResourceList on stdin.
"$BIN" < "$ROOT/testdata/core-anchors-quoting/input.yaml" > "$T/out" 2> "$T/err"; rc=$?
check "ResourceList mode exit 0" "[ $rc -eq 0 ]"
check "ResourceList mode relocates" "grep -q 'image: .reg.example:5000/k8ssandra/medusa:0.29.1.' '$T/out'"
check "ResourceList mode keeps comments" "grep -q '# anchored' '$T/out'"
check "ResourceList mode: nothing on stderr" "[ ! -s '$T/err' ]"

# Unreadable input: line:column on stderr, nothing on stdout, exit 1.
printf 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: [\n' | "$BIN" > "$T/out" 2> "$T/err"; rc=$?
check "malformed: exit 1" "[ $rc -eq 1 ]"
check "malformed: empty stdout" "[ ! -s '$T/out' ]"
check "malformed: line:column" "grep -qE '^k8ssandra-images: [0-9]+:[0-9]+: ' '$T/err'"
"$BIN" < /dev/null > "$T/out" 2> "$T/err"; rc=$?
check "empty stdin: exit 1, empty stdout" "[ $rc -eq 1 ] && [ ! -s '$T/out' ] && grep -q 'empty input' '$T/err'"

# An error result: items still written, exit 1.
"$BIN" < "$ROOT/testdata/core-bad-config-value/input.yaml" > "$T/out" 2> /dev/null; rc=$?
check "error result: exit 1" "[ $rc -eq 1 ]"
check "error result: items written unchanged" "grep -q 'image: busybox:1.36' '$T/out' && grep -q 'severity: error' '$T/out'"

# Plain files and directories.
mkdir -p "$T/dir/sub"
cp "$ROOT/testdata/upstream/crs/k8c-hcd-cluster-serverimage.yaml" "$T/dir/a.yaml"
cp "$ROOT/testdata/upstream/crs/cassdc-co-hcd-serverimage.yaml" "$T/dir/sub/b.yml"
"$BIN" --config "$CFG" "$T/dir" > "$T/out" 2> "$T/err"; rc=$?
check "files mode: exit 0" "[ $rc -eq 0 ]"
check "files mode: both files relocated" "[ \$(grep -c 'registry.corp.example:5000/datastax/hcd' '$T/out') -eq 2 ]"
check "files mode: documents separated" "grep -q '^---$' '$T/out'"
check "files mode: results on stderr" "grep -q '^k8ssandra-images: info: relocated' '$T/err'"
"$BIN" --config "$CFG" < "$T/dir/a.yaml" > "$T/out2"; rc=$?
check "files mode from stdin" "[ $rc -eq 0 ] && grep -q 'registry.corp.example:5000/datastax/hcd' '$T/out2'"
cmp -s <(tail -n +1 "$T/dir/a.yaml" | sed 's#datastax/hcd#registry.corp.example:5000/datastax/hcd#') "$T/out2"
check "files mode: only the image changed" "[ $? -eq 0 ]"

# kustomize's legacy exec plugin: the config file is argv[1], the stream on stdin.
"$BIN" "$CFG" < "$T/dir/a.yaml" > "$T/out3" 2> /dev/null; rc=$?
check "legacy plugin mode" "[ $rc -eq 0 ] && cmp -s '$T/out2' '$T/out3'"

# Help, version, usage errors.
"$BIN" --help > "$T/help"; rc=$?
check "--help exit 0" "[ $rc -eq 0 ] && grep -q 'functionConfig' '$T/help'"
"$BIN" --version > "$T/version"; rc=$?
check "--version" "[ $rc -eq 0 ] && grep -qE '^k8ssandra-images [0-9a-z.+-]+' '$T/version'"
"$BIN" --bogus > /dev/null 2> "$T/err"; rc=$?
check "unknown option: exit 2" "[ $rc -eq 2 ] && grep -q 'unknown option' '$T/err'"
"$BIN" "$T/dir/a.yaml" "$T/dir/sub/b.yml" > /dev/null 2> "$T/err"; rc=$?
check "files without --config: exit 2" "[ $rc -eq 2 ]"
"$BIN" --config "$T/missing.yaml" "$T/dir" > "$T/out" 2> "$T/err"; rc=$?
check "missing config file: exit 1, empty stdout" "[ $rc -eq 1 ] && [ ! -s '$T/out' ]"
# An allocation that fails is a clear error, never an abort: a relocation
# of 6000 generated resources (about 10 MB, which takes about 60 MB of
# address space) under a 40 MB address-space limit. (3000 resources, 5 MB,
# fitted under it once a node took 20 bytes.)
BENCH_GEN=$(dirname "$BIN")/bench_gen
if [ -x "$BENCH_GEN" ]; then
  "$BENCH_GEN" 6000 | sed 's/rules: nothing.example.invalid=mirror.example/registry: mirror.example:5000/' > "$T/big.yaml"
  (ulimit -v 40000; "$BIN" < "$T/big.yaml" > "$T/out" 2> "$T/err"); rc=$?
  check "out of memory: exit 1, empty stdout, one line" "[ $rc -eq 1 ] && [ ! -s '$T/out' ] && [ \"\$(cat '$T/err')\" = 'k8ssandra-images: out of memory' ]"
fi
# A resource file given alone is read as the legacy plugin's config: the
# message says that --config was probably forgotten.
printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {}\n' > "$T/dep.yaml"
"$BIN" "$T/dep.yaml" < /dev/null > "$T/out" 2> "$T/err"; rc=$?
check "forgotten --config: exit 1, empty stdout" "[ $rc -eq 1 ] && [ ! -s '$T/out' ]"
check "forgotten --config: the hint names it" "grep -qF 'holds a Deployment, not a config' '$T/err' && grep -qF -- '--config CFG $T/dep.yaml' '$T/err'"
# images --operator-versions is read as the config field's string form; a
# bad value is a usage error that names it.
"$BIN" images --operator-versions 'cassOperator=latest' "$T/dep.yaml" > "$T/out" 2> "$T/err"; rc=$?
check "images --operator-versions: a bad version is a usage error" \
  "[ $rc -eq 2 ] && grep -qF -e \"--operator-versions: operatorVersions: 'latest' is not a release version\" '$T/err'"
finish
