#!/usr/bin/env bash
# Plain-files mode reads directories the way kpt reads a package, never emits
# its own config or client-only objects, and never succeeds with empty output.
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: plain_files.sh BINARY}")
CFG="$ROOT/testdata/configs/registry.yaml"
deploy() {  # deploy NAME IMAGE: a one-container Deployment
  printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: %s\n' "$1" "$2"
}
names() { grep -o '^  name: .*' "$1" | cut -c9- | tr '\n' ' '; }

# Which files a directory gives, and in which order.
P="$T/pkg"; mkdir -p "$P/a" "$P/.hidden" "$P/ignored-dir" "$P/sub/.git" "$P/sub/deeper"
deploy a-yaml busybox:1.36 > "$P/a.yaml"
deploy a-dir nginx:1.25 > "$P/a/x.yml"
deploy hidden busybox > "$P/.hidden/h.yaml"
deploy dotfile busybox > "$P/.dot.yaml"
deploy ignored busybox > "$P/ignored-dir/i.yaml"
deploy ignored-by-name busybox > "$P/scratch.yaml"
deploy nested-ignored busybox > "$P/sub/deeper/local.yaml"
deploy in-git busybox > "$P/sub/.git/g.yaml"
deploy sub busybox > "$P/sub/s.yaml"
deploy json busybox > "$P/j.json"
deploy text busybox > "$P/notes.txt"
printf 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: pkg\n' > "$P/Kptfile"
printf 'resources:\n- a.yaml\n' > "$P/kustomization.yaml"
cp "$P/kustomization.yaml" "$P/sub/kustomization.yml"
printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n' > "$P/sub/Kustomization"
printf '# kpt harness files\nignored-dir/\nscratch.yaml\n' > "$P/.krmignore"
printf 'deeper/local.yaml\n' > "$P/sub/.krmignore"
"$BIN" --config "$CFG" "$P" > "$T/out" 2> "$T/err"; rc=$?
check "dir: exit 0" "[ $rc -eq 0 ]"
check "dir: kpt's order (a/ before a.yaml), only .yaml/.yml, nothing hidden or ignored" \
  "[ \"\$(names '$T/out')\" = 'a-dir a-yaml sub ' ]"
check "dir: Kptfile and kustomization files are not resources" "! grep -qE 'kind: (Kptfile|Kustomization)|^resources:' '$T/out'"
check "dir: results name their file" "grep -q 'in $P/a/x.yml\$' '$T/err'"

# Local-config objects and the config file itself are not emitted.
Q="$T/q"; mkdir -p "$Q"
cp "$ROOT/testdata/helm-k8ssandra-operator/mirror.yaml" "$Q/mirror.yaml"   # local-config annotated
sed 's/local-config: "true"/local-config: "false"/' "$Q/mirror.yaml" > "$Q/own-config.yaml"
{ deploy keep busybox; echo '---'; printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: client-only\n  annotations:\n    config.kubernetes.io/local-config: "true"\n'; echo '---'; deploy keep2 busybox; } > "$Q/r.yaml"
"$BIN" --config "$Q/own-config.yaml" "$Q" > "$T/out" 2> "$T/err"; rc=$?
check "local-config: exit 0" "[ $rc -eq 0 ]"
check "local-config: neither the config file nor local-config objects are emitted" "[ \"\$(names '$T/out')\" = 'keep keep2 ' ]"
check "local-config: the documents around a dropped one keep their separator" "[ \$(grep -c '^---\$' '$T/out') -eq 1 ]"

# Each document keeps its file's bytes; files are joined in order.
R="$T/r"; mkdir -p "$R"
printf '# leading comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one   # trailing\ndata: {k: v}\n' > "$R/1.yaml"
printf -- '--- # doc\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: two}\n' > "$R/2.yaml"
"$BIN" --config "$CFG" "$R" > "$T/out" 2> /dev/null; rc=$?
check "bytes: exit 0" "[ $rc -eq 0 ]"
check "bytes: files joined unchanged" "cmp -s '$T/out' <(cat '$R/1.yaml' '$R/2.yaml')"

# A file without a final line break keeps it missing: adding one would turn a
# literal block's value `echo hi` into `echo hi\n`.
printf 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: registry.corp.example:5000/library/busybox:1.36\n        args:\n        - |\n          echo hi' > "$T/nonl.yaml"
"$BIN" --config "$CFG" "$T/nonl.yaml" > "$T/out" 2> /dev/null; rc=$?
check "no final line break: output byte-identical" "[ $rc -eq 0 ] && cmp -s '$T/out' '$T/nonl.yaml'"
mkdir -p "$T/nonl"; cp "$T/nonl.yaml" "$T/nonl/a.yaml"; cp "$T/nonl.yaml" "$T/nonl/b.yaml"
"$BIN" --config "$CFG" "$T/nonl" > "$T/out" 2> /dev/null; rc=$?
check "no final line break: a break only before the next document" \
  "[ $rc -eq 0 ] && cmp -s '$T/out' <(cat '$T/nonl.yaml'; printf '\n---\n'; cat '$T/nonl.yaml')"

# A document without apiVersion or kind: the file, its line and index.
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\nmetadata:\n  name: nokind\n' > "$R/3.yaml"
"$BIN" --config "$CFG" "$R" > "$T/out" 2> "$T/err"; rc=$?
check "no apiVersion: exit 1, empty stdout" "[ $rc -eq 1 ] && [ ! -s '$T/out' ]"
check "no apiVersion: file, line, column and index" \
  "[ \"\$(cat '$T/err')\" = 'k8ssandra-images: $R/3.yaml:5:1: the document at index 1 has no apiVersion' ]"
printf 'apiVersion: v1\nkind: [\n' > "$R/3.yaml"
"$BIN" --config "$CFG" "$R" > "$T/out" 2> "$T/err"; rc=$?
check "malformed file: exit 1, the file's own line" "[ $rc -eq 1 ] && [ ! -s '$T/out' ] && grep -q '^k8ssandra-images: $R/3.yaml:[23]:[0-9]*: ' '$T/err'"
rm "$R/3.yaml"

# Never an empty stream on success.
mkdir -p "$T/empty"
"$BIN" --config "$CFG" "$T/empty" > "$T/out" 2> "$T/err"; rc=$?
check "empty dir: exit 1, empty stdout, says why" "[ $rc -eq 1 ] && [ ! -s '$T/out' ] && grep -q 'no resources in' '$T/err'"
: > "$T/empty.yaml"
"$BIN" --config "$CFG" "$T/empty.yaml" > "$T/out" 2> "$T/err"; rc=$?
check "empty file: exit 1" "[ $rc -eq 1 ] && [ ! -s '$T/out' ]"
false | "$BIN" --config "$CFG" > "$T/out" 2> "$T/err"; rc=$?
check "empty stdin: exit 1, empty stdout" "[ $rc -eq 1 ] && [ ! -s '$T/out' ] && grep -q 'no resources in the input' '$T/err'"
printf '# only a comment\n---\n' | "$BIN" --config "$CFG" > "$T/out" 2> "$T/err"; rc=$?
check "comments only on stdin: exit 1" "[ $rc -eq 1 ] && [ ! -s '$T/out' ]"
"$BIN" "$CFG" < /dev/null > "$T/out" 2> "$T/err"; rc=$?
check "legacy plugin, empty stream: exit 1" "[ $rc -eq 1 ] && [ ! -s '$T/out' ]"
printf 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {registry: reg.example}}\n' | "$BIN" > "$T/out" 2> "$T/err"; rc=$?
check "ResourceList with items: [] stays valid" "[ $rc -eq 0 ] && grep -q 'items: \[\]' '$T/out'"

# Filesystem trouble is an error, never an abort.
mkdir -p "$T/loop"; ln -s "$T/loop" "$T/loop/self"; deploy l busybox > "$T/loop/l.yaml"
"$BIN" --config "$CFG" "$T/loop" > "$T/out" 2> "$T/err"; rc=$?
check "symlink loop: not followed, exit 0" "[ $rc -eq 0 ] && [ \"\$(names '$T/out')\" = 'l ' ]"
"$BIN" --config "$CFG" "$T/missing" > "$T/out" 2> "$T/err"; rc=$?
check "missing path: exit 1, names it" "[ $rc -eq 1 ] && [ ! -s '$T/out' ] && grep -q '$T/missing: no such file or directory' '$T/err'"

# Results: --results FILE, the summary line, --quiet.
"$BIN" --config "$CFG" --results "$T/results.yaml" "$P" > "$T/out" 2> "$T/err"; rc=$?
check "--results: exit 0, YAML results with files" \
  "[ $rc -eq 0 ] && head -1 '$T/results.yaml' | grep -q '^results:' && grep -q 'path: $P/a.yaml' '$T/results.yaml' && grep -q 'severity: info' '$T/results.yaml'"
check "summary: the last stderr line" "[ \"\$(tail -1 '$T/err')\" = 'k8ssandra-images: 3 changes, 0 warnings, 0 errors' ]"
"$BIN" --config "$CFG" --quiet "$P" > "$T/out2" 2> "$T/err"; rc=$?
check "--quiet: same output, only the summary" \
  "[ $rc -eq 0 ] && cmp -s '$T/out' '$T/out2' && [ \"\$(cat '$T/err')\" = 'k8ssandra-images: 3 changes, 0 warnings, 0 errors' ]"
deploy w 'bad image!' > "$T/w.yaml"
"$BIN" --config "$CFG" --quiet --results="$T/r2.yaml" "$T/w.yaml" > /dev/null 2> "$T/err"; rc=$?
check "--quiet keeps warnings" "[ $rc -eq 0 ] && grep -q '^k8ssandra-images: warning: ' '$T/err' && grep -q 'severity: warning' '$T/r2.yaml'"
"$BIN" --config "$CFG" --results "$T/no/such/dir/r.yaml" "$P" > "$T/out" 2> "$T/err"; rc=$?
check "--results unwritable: exit 1, empty stdout" "[ $rc -eq 1 ] && [ ! -s '$T/out' ] && grep -q 'cannot write results' '$T/err'"
"$BIN" --config "$CFG" --results > /dev/null 2> "$T/err"; rc=$?
check "--results without a file: usage, exit 2" "[ $rc -eq 2 ]"
"$BIN" help > "$T/out"; rc=$?
check "'help' prints the help" "[ $rc -eq 0 ] && grep -q '^Usage:' '$T/out'"

# Every example directory, read in plain-files mode, gives its resources once.
for ex in "$ROOT"/examples/*/; do
  n=$(basename "$ex")
  cfg=$(ls "$ex"mirror*.yaml 2> /dev/null | head -1)
  [ -n "$cfg" ] || continue
  "$BIN" --config "$cfg" "$ex" > "$T/ex.out" 2> "$T/ex.err"; rc=$?
  want=$(cd "$ex" && find . -path ./.expected -prune -o -path ./upstream -prune -o \( -name '*.yaml' -o -name '*.yml' \) -print \
         | grep -v -e '/kustomization.yaml$' -e "/$(basename "$cfg")\$" | sort | xargs cat | grep -c '^kind:')
  [ -d "$ex/upstream" ] && want=$((want + $(cat "$ex"/upstream/*.yaml | grep -c '^kind:')))
  got=$(grep -c '^kind:' "$T/ex.out")
  check "example $n: exit 0, each of its $want resources once (got $got)" "[ $rc -eq 0 ] && [ '$got' = '$want' ]"
  check "example $n: no .expected file, Kptfile or config emitted" "! grep -qE '^kind: (Kptfile|RegistryRewrite|ResourceList)' '$T/ex.out'"
done
finish
