#!/usr/bin/env bash
# End to end through the real kpt: fn eval (imperative, --fn-config, -o unwrap,
# a failing config, a config that matches nothing) and fn render (exec with
# configPath, and the configMap form). UPDATE=1 rewrites testdata/e2e/expected-*.
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: e2e_kpt.sh BINARY}")
need kpt
E="$ROOT/testdata/e2e"
fresh() { rm -rf "$T/$1"; cp -r "$E/pkg" "$T/$1"; }
same() {  # same NAME DIR EXPECTED: the package equals the expected files
  if [ "${UPDATE:-}" = 1 ]; then rm -rf "$3"; cp -r "$2" "$3"; fi
  check "$1" "diff -r '$3' '$2' > '$T/diff.txt'" || cat "$T/diff.txt"
}

# The baseline: kpt's own round trip with an identity function changes nothing.
fresh cat
kpt fn eval "$T/cat" --exec cat > /dev/null 2>&1
check "baseline: identity function leaves the package byte-identical" "diff -r '$E/pkg' '$T/cat' > /dev/null"

# 1. Imperative form.
fresh imp
kpt fn eval "$T/imp" --exec "$BIN" --results-dir "$T/imp-results" -- \
  registry=registry.corp.example:5000 pullSecret=regcred > "$T/imp.log" 2>&1; rc=$?
check "eval imperative: exit 0" "[ $rc -eq 0 ] && grep -q '\[PASS\]' '$T/imp.log'"
same "eval imperative: package as expected" "$T/imp" "$E/expected-registry"
check "eval imperative: results.yaml exitCode 0" "grep -q '^exitCode: 0' '$T/imp-results/results.yaml'"
check "eval imperative: info results" \
  "grep -q 'message: relocated docker.io/k8ssandra/cass-operator:v1.32.0 to registry.corp.example:5000/k8ssandra/cass-operator:v1.32.0' '$T/imp-results/results.yaml'"
check "eval imperative: field path into the image config" \
  "grep -q 'path: data.image_config.yaml|images.system-logger' '$T/imp-results/results.yaml'"
check "eval imperative: only image lines and additions changed" \
  "! diff '$E/pkg/operator.yaml' '$T/imp/operator.yaml' | grep '^<' | grep -v 'image:'"

# 2. --fn-config with a RegistryRewrite (rules table, flatten).
fresh cfg
cat > "$T/rewrite.yaml" <<CFG
apiVersion: fn.k8ssandra-images.dev/v1alpha1
kind: RegistryRewrite
metadata:
  name: mirror
spec:
  rules:
  - from: docker.io/k8ssandra
    to: mirror.example:5000/k8ssandra
  - from: docker.io
    to: mirror.example:5000/hub
  path: flatten
CFG
kpt fn eval "$T/cfg" --exec "$BIN" --fn-config "$T/rewrite.yaml" --results-dir "$T/cfg-results" > "$T/cfg.log" 2>&1; rc=$?
check "eval --fn-config: exit 0" "[ $rc -eq 0 ]"
same "eval --fn-config: package as expected" "$T/cfg" "$E/expected-rules-flatten"

# 3. -o unwrap: the result on stdout, the package untouched.
fresh unwrap
kpt fn eval "$T/unwrap" --exec "$BIN" -o unwrap -- registry=registry.corp.example:5000 > "$T/unwrap.yaml" 2> "$T/unwrap.err"; rc=$?
check "eval -o unwrap: exit 0" "[ $rc -eq 0 ]"
check "eval -o unwrap: relocated on stdout" "grep -q 'image: \"registry.corp.example:5000/k8ssandra/cass-operator:v1.32.0\" # pinned' '$T/unwrap.yaml'"
check "eval -o unwrap: no ResourceList wrapper" "! grep -q 'kind: ResourceList' '$T/unwrap.yaml'"
check "eval -o unwrap: package untouched" "diff -r '$E/pkg' '$T/unwrap' > /dev/null"

# 4. The failure path: a bad config is an error result, rc 1, files untouched.
fresh bad
kpt fn eval "$T/bad" --exec "$BIN" --results-dir "$T/bad-results" -- registry=nohost > "$T/bad.log" 2>&1; rc=$?
check "eval bad config: exit 1" "[ $rc -eq 1 ]"
check "eval bad config: [FAIL]" "grep -q '\[FAIL\]' '$T/bad.log'"
check "eval bad config: our error result" "grep -q \"registry: 'nohost' is not a registry host\" '$T/bad.log'"
check "eval bad config: results.yaml exitCode 1" "grep -q '^exitCode: 1' '$T/bad-results/results.yaml'"
check "eval bad config: files untouched" "diff -r '$E/pkg' '$T/bad' > /dev/null"

# 5. A config that matches nothing leaves the package byte-identical.
fresh none
kpt fn eval "$T/none" --exec "$BIN" -- rules=nothing.example.invalid=mirror.example > /dev/null 2>&1; rc=$?
check "eval no match: exit 0 and byte-identical" "[ $rc -eq 0 ] && diff -r '$E/pkg' '$T/none' > /dev/null"

# 6. kpt fn render: a Kptfile pipeline with exec + configPath.
fresh render
cat > "$T/render/Kptfile" <<KPT
apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: render
  annotations:
    config.kubernetes.io/local-config: "true"
pipeline:
  mutators:
  - exec: $BIN
    configPath: mirror.yaml
KPT
cat > "$T/render/mirror.yaml" <<CFG
apiVersion: fn.k8ssandra-images.dev/v1alpha1
kind: RegistryRewrite
metadata:
  name: mirror
  annotations:
    config.kubernetes.io/local-config: "true"
spec:
  registry: registry.corp.example:5000
  pullSecret: regcred
CFG
kpt fn render "$T/render" > "$T/render0.log" 2>&1; rc=$?
check "render without --allow-exec fails" "[ $rc -ne 0 ] && grep -q 'allow-exec' '$T/render0.log'"
kpt fn render "$T/render" --allow-exec > "$T/render.log" 2>&1; rc=$?
check "render --allow-exec: exit 0" "[ $rc -eq 0 ]"
for f in image-config.yaml k8ssandra.yaml operator.yaml; do
  check "render: $f as with eval" "cmp -s '$E/expected-registry/$f' '$T/render/$f'"
done
check "render: Kptfile untouched" "grep -q 'configPath: mirror.yaml' '$T/render/Kptfile'"
check "render: functionConfig untouched" "grep -q 'registry: registry.corp.example:5000' '$T/render/mirror.yaml'"

# 7. kpt fn render with the configMap form.
fresh render2
cat > "$T/render2/Kptfile" <<KPT
apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: render2
  annotations:
    config.kubernetes.io/local-config: "true"
pipeline:
  mutators:
  - exec: $BIN
    configMap:
      registry: registry.corp.example:5000
      pullSecret: regcred
KPT
kpt fn render "$T/render2" --allow-exec > "$T/render2.log" 2>&1; rc=$?
check "render configMap: exit 0" "[ $rc -eq 0 ]"
for f in image-config.yaml k8ssandra.yaml operator.yaml; do
  check "render configMap: $f as with eval" "cmp -s '$E/expected-registry/$f' '$T/render2/$f'"
done

# Negative control: a function that does not exist fails loudly.
fresh missing
kpt fn eval "$T/missing" --exec "$T/no-such-binary" -- registry=r.example > "$T/missing.log" 2>&1; rc=$?
check "missing function binary fails" "[ $rc -ne 0 ] && diff -r '$E/pkg' '$T/missing' > /dev/null"
# 8. imageList: kpt writes the list into the package as a file of its own;
# a second run leaves every file byte for byte.
fresh list
kpt fn eval "$T/list" --exec "$BIN" -- registry=registry.corp.example:5000 imageList=mirror-images > "$T/list.log" 2>&1; rc=$?
check "imageList: exit 0" "[ $rc -eq 0 ]"
listfile=$(grep -l 'name: mirror-images' "$T"/list/*.yaml 2> /dev/null | head -1)
check "imageList: kpt wrote the ConfigMap into the package" "[ -n '$listfile' ]"
check "imageList: it is local-config" "grep -q 'config.kubernetes.io/local-config: \"true\"' '$listfile'"
# The DSE server image no manifest names: built from serverVersion and the ImageConfig's types.dse.
check "imageList: it lists the server image the ImageConfig composes" \
  "grep -qF 'docker.io/datastax/dse-mgmtapi-6_8:6.8.50-ubi\\tregistry.corp.example:5000/datastax/dse-mgmtapi-6_8:6.8.50-ubi' '$listfile'"
cp -r "$T/list" "$T/list-before"
kpt fn eval "$T/list" --exec "$BIN" -- registry=registry.corp.example:5000 imageList=mirror-images > "$T/list2.log" 2>&1; rc=$?
check "imageList: second run exit 0" "[ $rc -eq 0 ]"
check "imageList: second run changes no file" "diff -r '$T/list-before' '$T/list' > /dev/null"

finish
