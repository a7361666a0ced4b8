#!/usr/bin/env bash
# Runs every example in examples/ the way its README says, through the real
# clients, and compares with the example's .expected/ folder:
#   diff.patch   `diff -ru` of the package before and after (kpt examples)
#   output.yaml  the exact build output (kustomize example)
# Each example is run a second time and must not change. Every README must
# show the command run here. UPDATE=1 rewrites .expected/ (review the diff!).
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: examples.sh BINARY}")
need kpt
need kubectl
EX="$ROOT/examples"
# The examples call the binary by name, as an installed one would be.
mkdir -p "$T/bin"; ln -s "$BIN" "$T/bin/k8ssandra-images"
export PATH="$T/bin:$PATH"

# The package diff, without the timestamps diff puts in its headers.
package_diff() {  # package_diff BEFORE AFTER (relative to $T)
  (cd "$T" && diff -ru "$1" "$2") | sed -E 's/^(---|\+\+\+) ([^\t]+)\t.*$/\1 \2/'
}
expect_file() {  # expect_file NAME ACTUAL EXPECTED
  if [ "${UPDATE:-}" = 1 ]; then mkdir -p "$(dirname "$3")"; cp "$2" "$3"; fi
  check "$1" "cmp -s '$3' '$2'" || diff "$3" "$2" | head -20
}
readme_shows() {  # readme_shows EXAMPLE COMMAND
  check "$1: README shows '$2'" "grep -qF -- '$2' '$EX/$1/README.md'"
}

# kpt fn eval examples: air-gapped, mirror-per-registry and custom-images.
for ex in air-gapped:mirror.yaml mirror-per-registry:mirrors.yaml custom-images:custom.yaml; do
  name=${ex%%:*}; cfg=${ex#*:}
  cmd="kpt fn eval . --exec k8ssandra-images --fn-config $cfg"
  readme_shows "$name" "$cmd"
  rm -rf "$T/$name.orig" "$T/$name.run"
  cp -r "$EX/$name" "$T/$name.orig"; cp -r "$EX/$name" "$T/$name.run"
  (cd "$T/$name.run" && $cmd --results-dir "$T/$name.results") > "$T/$name.log" 2>&1; rc=$?
  check "$name: exit 0" "[ $rc -eq 0 ]" || cat "$T/$name.log"
  package_diff "$name.orig" "$name.run" > "$T/$name.patch"
  expect_file "$name: package diff as expected" "$T/$name.patch" "$EX/$name/.expected/diff.patch"
  cp -r "$T/$name.run" "$T/$name.once"
  (cd "$T/$name.run" && $cmd) > /dev/null 2>&1
  check "$name: a second run changes nothing" "diff -r '$T/$name.once' '$T/$name.run' > /dev/null"
done
check "air-gapped: results warn that running datacenters keep their images" \
  "grep -q 'and with it the images of K8ssandraCluster/prod dc1, K8ssandraCluster/prod dc2: cass-operator v1.30.2 updates their StatefulSets only when' '$T/air-gapped.results/results.yaml'"
check "air-gapped: no image left on Docker Hub" \
  "! grep -E '(image|serverImage): *\"?(docker.io/)?(k8ssandra|thelastpickle|stargateio|fluent)/' '$T/air-gapped.run/'*.yaml"
check "mirror-per-registry: ghcr.io images flattened into their own project" \
  "grep -q 'configBuilderImage: \"\\?harbor.corp.example/ghcr/config-builder:v1.0.0' '$T/mirror-per-registry.run/datacenter.yaml'"
check "custom-images: the server image made explicit" \
  "grep -q 'serverImage: registry.corp.example:5000/corp/cassandra-custom:4.1.8-corp.3' '$T/custom-images.run/cluster.yaml'"
check "custom-images: Medusa pinned in the image config" \
  "grep -q 'digest: \"sha256:823e2914' '$T/custom-images.run/image-config.yaml'"

# kpt fn render: the Kptfile pipeline.
name=kpt-pipeline
readme_shows "$name" "kpt fn render kpt-pipeline --allow-exec"
rm -rf "$T/$name.orig" "$T/$name.run"
cp -r "$EX/$name" "$T/$name.orig"; cp -r "$EX/$name" "$T/$name.run"
(cd "$T" && kpt fn render "$name.run" --allow-exec) > "$T/$name.log" 2>&1; rc=$?
check "$name: exit 0" "[ $rc -eq 0 ] && grep -q 'Successfully executed 1 function' '$T/$name.log'" || cat "$T/$name.log"
package_diff "$name.orig" "$name.run" > "$T/$name.patch"
expect_file "$name: package diff as expected" "$T/$name.patch" "$EX/$name/.expected/diff.patch"
check "$name: excluded busybox untouched" "grep -q '^          image: busybox$' '$T/$name.run/datacenter.yaml'"
cp -r "$T/$name.run" "$T/$name.once"
(cd "$T" && kpt fn render "$name.run" --allow-exec) > /dev/null 2>&1
check "$name: a second render changes nothing" "diff -r '$T/$name.once' '$T/$name.run' > /dev/null"

# kubectl kustomize with the binary installed as a legacy exec plugin.
name=kustomize-legacy-plugin
readme_shows "$name" "kubectl kustomize --enable-alpha-plugins ."
readme_shows "$name" 'fn.k8ssandra-images.dev/v1alpha1/registryrewrite/RegistryRewrite'
PLUG="$T/plugins/fn.k8ssandra-images.dev/v1alpha1/registryrewrite"
mkdir -p "$PLUG"; cp "$BIN" "$PLUG/RegistryRewrite"
(cd "$EX/$name" && KUSTOMIZE_PLUGIN_HOME="$T/plugins" kubectl kustomize --enable-alpha-plugins .) > "$T/$name.yaml" 2> "$T/$name.err"; rc=$?
check "$name: exit 0" "[ $rc -eq 0 ]" || cat "$T/$name.err"
expect_file "$name: build output as expected" "$T/$name.yaml" "$EX/$name/.expected/output.yaml"
check "$name: operator image relocated" \
  "grep -q 'image: registry.corp.example:5000/k8ssandra-mirror/k8ssandra/cass-operator:v1.32.0' '$T/$name.yaml'"
# Without the plugin installed, kustomize fails loudly instead of skipping.
(cd "$EX/$name" && KUSTOMIZE_PLUGIN_HOME="$T/none" kubectl kustomize --enable-alpha-plugins .) > /dev/null 2> "$T/$name.none"; rc=$?
check "$name: a missing plugin is an error, not a silent skip" "[ $rc -ne 0 ]"
finish
