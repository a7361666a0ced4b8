#!/usr/bin/env bash
# The container path, for real: the image is built from the Dockerfile's
# runtime stage around the static binary of this build, then run by podman
# under kpt fn eval (--image), kpt fn render (a Kptfile `image:` step) and
# kubectl kustomize (a `container:` function, `docker` forwarded to podman).
# Every output must be byte-identical to the --exec / legacy-plugin paths and
# the examples' .expected/, with the same exit codes, and a second run must
# change nothing. A container that only copies stdin to stdout must fail the
# same comparisons (the test notices a function that never ran).
# K8SI_FULL_IMAGE=1 builds the whole Dockerfile instead (see make image-offline).
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: e2e_container.sh BINARY STATIC_BINARY}")
STATIC=$(absolute "${2:?usage: e2e_container.sh BINARY STATIC_BINARY}")
need podman kpt kubectl
export PODMAN_ROOT="$T/podman"
source "$ROOT/scripts/podman_env.sh"
export PODMAN_REAL=$(command -v podman) PODMAN_SHIM_LOG="$T/runtime.log"
export PATH="$ROOT/tests/podman-shim:$PATH"
IMAGE=localhost/k8ssandra-images:e2e
CAT_IMAGE=localhost/k8ssandra-images:cat
trap 'podman rm -af > /dev/null 2>&1; podman rmi -af > /dev/null 2>&1; rm -rf "$T"' EXIT

# The image: the runtime stage, its `build` stage replaced by this build's binary.
mkdir -p "$T/ctx/build"; cp "$STATIC" "$T/ctx/build/k8ssandra-images-static"
(cd "$ROOT" && podman build --pull=never --build-context build="$T/ctx" -f Dockerfile -t "$IMAGE" .) > "$T/build.log" 2>&1; rc=$?
check "image builds from the Dockerfile's runtime stage" "[ $rc -eq 0 ]" || tail -20 "$T/build.log"
check "the image runs as nobody" "[ \"\$(podman image inspect -f '{{.Config.User}}' $IMAGE)\" = 65534:65534 ]"
podman run --rm --network none --user nobody "$IMAGE" --version > "$T/version" 2>&1
check "the container answers --version" "grep -q '^k8ssandra-images ' '$T/version'"

# The negative control: an image whose entrypoint copies stdin to stdout.
printf '#include <unistd.h>\nint main(void){char b[65536];ssize_t n;while((n=read(0,b,sizeof b))>0)if(write(1,b,(size_t)n)!=n)return 1;return 0;}\n' > "$T/cat.c"
mkdir -p "$T/catctx"; cc -static -O2 -o "$T/catctx/cat" "$T/cat.c"
printf 'FROM scratch\nCOPY cat /cat\nUSER 65534:65534\nENTRYPOINT ["/cat"]\n' > "$T/catctx/Dockerfile"
podman build --pull=never -t "$CAT_IMAGE" "$T/catctx" > "$T/catbuild.log" 2>&1
check "the copy-only control image builds" "[ $? -eq 0 ]" || tail -5 "$T/catbuild.log"

# kpt fn eval: --exec against --image, on testdata/e2e and the two eval examples.
eval_pkg() {  # eval_pkg SRC DEST RUNNER ARGS...: copy SRC to DEST and run kpt fn eval on it
  local src=$1 dest=$2 runner=$3; shift 3
  rm -rf "$dest"; cp -r "$src" "$dest"
  if [ "$runner" = exec ]; then kpt fn eval "$dest" --exec "$BIN" "$@"
  else KPT_FN_RUNTIME=podman kpt fn eval "$dest" --image "$runner" --image-pull-policy never "$@"; fi
}
messages() { grep -E '^ *message:' "$1" | sort; }
E="$ROOT/testdata/e2e"
for form in imperative config failing; do
  case $form in
    imperative) args=(-- registry=registry.corp.example:5000 pullSecret=regcred) ;;
    config) args=(--fn-config "$ROOT/examples/air-gapped/mirror.yaml") ;;
    failing) args=(-- registry=registry.corp.example:5000 pullPolicy=Sometimes) ;;
  esac
  eval_pkg "$E/pkg" "$T/x-$form" exec --results-dir "$T/x-$form.r" "${args[@]}" > "$T/x.log" 2>&1; xrc=$?
  : > "$PODMAN_SHIM_LOG"
  eval_pkg "$E/pkg" "$T/c-$form" "$IMAGE" --results-dir "$T/c-$form.r" "${args[@]}" > "$T/c.log" 2>&1; crc=$?
  check "kpt eval $form: same exit code ($xrc, $crc)" "[ $xrc -eq $crc ]" || tail -5 "$T/c.log"
  check "kpt eval $form: same package" "diff -r '$T/x-$form' '$T/c-$form' > /dev/null"
  check "kpt eval $form: same results" "diff <(messages '$T/x-$form.r/results.yaml') <(messages '$T/c-$form.r/results.yaml') > /dev/null"
  check "kpt eval $form: podman ran the image with --network none and --user nobody" \
    "grep -- ' run ' '$PODMAN_SHIM_LOG' | grep -- '--network none' | grep -- '--user nobody' | grep -q '$IMAGE'"
done
check "kpt eval: the failing config fails in the container too" "grep -q 'pullPolicy must be' '$T/c-failing.r/results.yaml'"
check "kpt eval: the imperative run changed the package" "! diff -r '$E/pkg' '$T/c-imperative' > /dev/null"
eval_pkg "$T/c-imperative" "$T/c-again" "$IMAGE" -- registry=registry.corp.example:5000 pullSecret=regcred > /dev/null 2>&1
check "kpt eval: a second container run changes nothing" "diff -r '$T/c-imperative' '$T/c-again' > /dev/null"
eval_pkg "$E/pkg" "$T/cat-imperative" "$CAT_IMAGE" -- registry=registry.corp.example:5000 pullSecret=regcred > /dev/null 2>&1
check "control: a copy-only container fails the comparison" "! diff -r '$T/x-imperative' '$T/cat-imperative' > /dev/null"

# The eval examples, as their READMEs run them, with the image.
package_diff() { (cd "$T" && diff -ru "$1" "$2") | sed -E 's/^(---|\+\+\+) ([^\t]+)\t.*$/\1 \2/'; }
for ex in air-gapped:mirror.yaml mirror-per-registry:mirrors.yaml; do
  name=${ex%%:*}; cfg=${ex#*:}
  rm -rf "$T/$name.orig"; cp -r "$ROOT/examples/$name" "$T/$name.orig"
  eval_pkg "$ROOT/examples/$name" "$T/$name.run" "$IMAGE" --fn-config "$ROOT/examples/$name/$cfg" > "$T/$name.log" 2>&1; rc=$?
  check "example $name (container): exit 0" "[ $rc -eq 0 ]" || tail -5 "$T/$name.log"
  check "example $name (container): package diff as .expected" \
    "cmp -s <(package_diff '$name.orig' '$name.run') '$ROOT/examples/$name/.expected/diff.patch'"
  eval_pkg "$ROOT/examples/$name" "$T/$name.cat" "$CAT_IMAGE" --fn-config "$ROOT/examples/$name/$cfg" > /dev/null 2>&1
  check "control: example $name with the copy-only container differs" \
    "! cmp -s <(package_diff '$name.orig' '$name.cat') '$ROOT/examples/$name/.expected/diff.patch'"
done

# kpt fn render: the kpt-pipeline example with its `exec:` step as an `image:` step.
name=kpt-pipeline
for runner in exec image cat; do
  rm -rf "$T/r-$runner"; cp -r "$ROOT/examples/$name" "$T/r-$runner"
  case $runner in
    exec) sed -i "s#exec: k8ssandra-images#exec: $BIN#" "$T/r-$runner/Kptfile"; flags=(--allow-exec) ;;
    image) sed -i "s#exec: k8ssandra-images#image: $IMAGE#" "$T/r-$runner/Kptfile"; flags=() ;;
    cat) sed -i "s#exec: k8ssandra-images#image: $CAT_IMAGE#" "$T/r-$runner/Kptfile"; flags=() ;;
  esac
  cp "$T/r-$runner/Kptfile" "$T/Kptfile.$runner"
  (cd "$T" && KPT_FN_RUNTIME=podman kpt fn render "r-$runner" --image-pull-policy never "${flags[@]}") > "$T/r-$runner.log" 2>&1
  echo $? > "$T/r-$runner.rc"
done
check "kpt render, image step: exit 0" "[ \$(cat '$T/r-image.rc') -eq 0 ]" || tail -5 "$T/r-image.log"
check "kpt render, image step: the Kptfile names the image, no --allow-exec" "grep -q 'image: $IMAGE' '$T/Kptfile.image'"
check "kpt render: image step and exec step give the same package" \
  "diff -r -x Kptfile '$T/r-exec' '$T/r-image' > /dev/null"
# The same diff as .expected, taken between a copy with the same Kptfile and the rendered package.
rm -rf "$T/$name.orig" "$T/$name.run"; cp -r "$ROOT/examples/$name" "$T/$name.orig"; cp "$T/Kptfile.image" "$T/$name.orig/Kptfile"
cp -r "$T/r-image" "$T/$name.run"
check "kpt render: the package diff as .expected" \
  "cmp -s <(package_diff '$name.orig' '$name.run') '$ROOT/examples/$name/.expected/diff.patch'"
check "control: a copy-only image step differs" "! diff -r -x Kptfile '$T/r-exec' '$T/r-cat' > /dev/null"
cp -r "$T/r-image" "$T/r-image.once"
(cd "$T" && KPT_FN_RUNTIME=podman kpt fn render r-image --image-pull-policy never) > /dev/null 2>&1
check "kpt render: a second render changes nothing" "diff -r '$T/r-image.once' '$T/r-image' > /dev/null"

# kubectl kustomize: the legacy-plugin example as a container function.
name=kustomize-legacy-plugin
kbuild() {  # kbuild IMAGE OUT
  rm -rf "$T/k"; cp -r "$ROOT/examples/$name" "$T/k"
  sed -i "/^metadata:/,/^spec:/{s#^  name: \\(.*\\)#  name: \\1\\n  annotations:\\n    config.kubernetes.io/function: |\\n      container:\\n        image: $1#}" "$T/k/mirror.yaml"
  (cd "$T/k" && kubectl kustomize --enable-alpha-plugins .) > "$2" 2> "$2.err"
}
: > "$PODMAN_SHIM_LOG"
kbuild "$IMAGE" "$T/k.yaml"; rc=$?
check "kustomize container: exit 0" "[ $rc -eq 0 ]" || head -5 "$T/k.yaml.err"
check "kustomize container: the function spec names the image" "grep -q 'image: $IMAGE' '$T/k/mirror.yaml'"
check "kustomize container: output as .expected (the legacy plugin's)" "cmp -s '$T/k.yaml' '$ROOT/examples/$name/.expected/output.yaml'"
check "kustomize container: docker ran with --network none, --user nobody" \
  "grep -- '^docker run ' '$PODMAN_SHIM_LOG' | grep -- '--network none' | grep -- '--user nobody' | grep -q '$IMAGE'"
kbuild "$CAT_IMAGE" "$T/kcat.yaml"
check "control: a copy-only container function differs" "! cmp -s '$T/kcat.yaml' '$ROOT/examples/$name/.expected/output.yaml'"

# kubectl kustomize on testdata/e2e: the container function against the legacy exec plugin.
PLUG="$T/plugins/fn.k8ssandra-images.dev/v1alpha1/registryrewrite"
mkdir -p "$PLUG"; cp "$BIN" "$PLUG/RegistryRewrite"
ekust() {  # ekust DIR IMAGE|plugin
  mkdir -p "$1"; cp "$E/pkg/"*.yaml "$1/"
  printf 'resources:\n- image-config.yaml\n- k8ssandra.yaml\n- operator.yaml\ntransformers:\n- fn.yaml\n' > "$1/kustomization.yaml"
  { printf 'apiVersion: fn.k8ssandra-images.dev/v1alpha1\nkind: RegistryRewrite\nmetadata:\n  name: mirror\n'
    [ "$2" = plugin ] || printf '  annotations:\n    config.kubernetes.io/function: |\n      container:\n        image: %s\n' "$2"
    printf 'spec:\n  registry: registry.corp.example:5000\n  pullSecret: regcred\n'; } > "$1/fn.yaml"
  (cd "$1" && KUSTOMIZE_PLUGIN_HOME="$T/plugins" kubectl kustomize --enable-alpha-plugins .) > "$1.out" 2> "$1.err"
}
ekust "$T/ek-plugin" plugin; prc=$?
ekust "$T/ek-image" "$IMAGE"; irc=$?
ekust "$T/ek-cat" "$CAT_IMAGE"
check "kustomize on testdata/e2e: container and legacy plugin both exit 0" "[ $prc -eq 0 ] && [ $irc -eq 0 ]"
check "kustomize on testdata/e2e: byte-identical builds" "cmp -s '$T/ek-plugin.out' '$T/ek-image.out'"
check "kustomize on testdata/e2e: images relocated" "grep -q 'registry.corp.example:5000/k8ssandra/cass-operator' '$T/ek-image.out'"
check "control: the copy-only container differs on testdata/e2e" "! cmp -s '$T/ek-plugin.out' '$T/ek-cat.out'"
finish
