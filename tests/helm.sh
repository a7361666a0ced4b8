#!/usr/bin/env bash
# Helm's post-renderer protocol, run as Helm 3 runs it: the rendered manifests
# (hooks split off first) on stdin, each --post-renderer-args value as one
# argument, stdout taken as the new manifests, a non-zero exit fails Helm.
# Input: testdata/helm-k8ssandra-operator/rendered.yaml, a `helm template`
# rendering of the k8ssandra-operator chart. Also through kpt.
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: helm.sh BINARY}")
H="$ROOT/testdata/helm-k8ssandra-operator"
# Helm 3 writes each manifest as "---\n# Source: PATH\n" + the manifest; hooks
# (helm.sh/hook annotation) are kept apart and never post-rendered.
split_hooks() {  # split_hooks FILE MANIFESTS HOOKS
  awk -v m="$2" -v h="$3" '
    function flush() { if (doc != "") { print doc > (hook ? h : m) } doc = ""; hook = 0 }
    /^---$/ { flush(); doc = $0; next }
    doc == "" { next }   # the header comment before the first document
    { doc = doc "\n" $0; if ($0 ~ /"helm\.sh\/hook":/) hook = 1 }
    END { flush() }' "$1"
}
split_hooks "$H/rendered.yaml" "$T/manifests.yaml" "$T/hooks.yaml"
check "the rendering has manifests and one hook" \
  "[ \$(grep -c '^kind:' '$T/manifests.yaml') -eq 4 ] && [ \$(grep -c '^kind:' '$T/hooks.yaml') -eq 1 ]"

# helm ... --post-renderer k8ssandra-images --post-renderer-args=--config --post-renderer-args=mirror.yaml
(cd "$H" && "$BIN" --config mirror.yaml < "$T/manifests.yaml" > "$T/post.yaml" 2> "$T/post.err"); rc=$?
check "post-renderer: exit 0" "[ $rc -eq 0 ]"
# The same documents as the golden plain-files run over the whole rendering, hook left out.
(cd "$H" && "$BIN" --config mirror.yaml rendered.yaml > "$T/files.yaml" 2> /dev/null)
split_hooks "$T/files.yaml" "$T/files-manifests.yaml" "$T/files-hooks.yaml"
check "post-renderer: byte-identical to the golden case's manifests" "cmp -s '$T/files-manifests.yaml' '$T/post.yaml'"
check "post-renderer: every manifest image on the mirror" \
  "! grep 'image:' '$T/post.yaml' | grep -v 'registry.corp.example:5000/'"
check "post-renderer: the image config's registry" "grep -q 'registry: registry.corp.example:5000' '$T/post.yaml'"
check "post-renderer: results and summary on stderr" "tail -1 '$T/post.err' | grep -qE '^k8ssandra-images: [0-9]+ changes, 0 warnings, 0 errors$'"
check "Helm 3 hooks are not post-rendered: the CRD upgrader keeps docker.io" \
  "grep -q 'image: docker.io/k8ssandra/k8ssandra-client' '$T/hooks.yaml'"
check "the same hook is relocated when the function sees it (plain files)" \
  "grep -q 'image: registry.corp.example:5000/k8ssandra/k8ssandra-client:v0.8.14' '$T/files-hooks.yaml'"
# Helm fails the release when the post-renderer fails: an error result, or nothing to render.
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {registry: "no registry"}\n' > "$T/bad.yaml"
"$BIN" --config "$T/bad.yaml" < "$T/manifests.yaml" > /dev/null 2> "$T/err"; rc=$?
check "post-renderer: a bad config fails helm (exit 1)" "[ $rc -eq 1 ] && grep -q 'error:' '$T/err'"
printf -- '---\n# Source: chart/templates/empty.yaml\n' | "$BIN" --config "$H/mirror.yaml" > "$T/out" 2> "$T/err"; rc=$?
check "post-renderer: nothing rendered fails helm (exit 1), never an empty release" "[ $rc -eq 1 ] && [ ! -s '$T/out' ]"
# Idempotent: Helm upgrades post-render again from the chart, but a rendering
# already relocated (GitOps) must not move twice.
(cd "$H" && "$BIN" --config mirror.yaml < "$T/post.yaml" > "$T/post2.yaml" 2> /dev/null); rc=$?
check "post-renderer: a second pass changes nothing" "[ $rc -eq 0 ] && cmp -s '$T/post.yaml' '$T/post2.yaml'"

# The same rendering as a kpt package.
need kpt
mkdir -p "$T/pkg"; cp "$H/rendered.yaml" "$T/pkg/"
kpt fn eval "$T/pkg" --exec "$BIN" --fn-config "$H/mirror.yaml" > "$T/kpt.log" 2>&1; rc=$?
check "kpt: exit 0" "[ $rc -eq 0 ]"
check "kpt: the same images as the plain-files run" \
  "diff <(grep -o 'image: .*' '$T/files.yaml') <(grep -o 'image: .*' '$T/pkg/rendered.yaml')"
check "kpt: the same embedded image config" \
  "diff <(sed -n '/image_config.yaml: |/,/^---/p' '$T/files.yaml' | grep -v '^---') <(sed -n '/image_config.yaml: |/,/^---/p' '$T/pkg/rendered.yaml' | grep -v '^---')"
finish
