#!/usr/bin/env bash
# Regenerates the fixture-driven golden cases under testdata/ from
# testdata/upstream and testdata/configs. Inputs are wrapped in a
# ResourceList by kpt itself (`kpt fn source`), as kpt sends them.
# Expected outputs are then made with `UPDATE=1 tests/golden.sh BIN` and
# reviewed by hand before they are committed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
UP="$ROOT/testdata/upstream"
CFG="$ROOT/testdata/configs"

wrap() {  # wrap CASE FILE CONFIG: testdata/CASE/input.yaml
  local case=$1 file=$2 config=$3
  rm -rf "$T/pkg" && mkdir -p "$T/pkg" && cp "$file" "$T/pkg/"
  mkdir -p "$ROOT/testdata/$case"
  kpt fn source "$T/pkg" --fn-config "$CFG/$config.yaml" > "$ROOT/testdata/$case/input.yaml"
}

# An ImageConfig file as cass-operator ships it in its ConfigMap: v1beta2 in
# the labelled image-config, v1beta1 in the unlabelled legacy manager-config.
configmap() {  # configmap FIXTURE OUT
  local f=$1 out=$2 name=cass-operator-image-config label=1
  grep -q 'config.k8ssandra.io/v1beta1' "$f" && { name=cass-operator-manager-config; label=0; }
  {
    head -1 "$f"
    printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n  namespace: cass-operator\n' "$name"
    [ $label = 1 ] && printf '  labels:\n    k8ssandra.io/config: image\n'
    printf 'data:\n  image_config.yaml: |\n'
    tail -n +2 "$f" | sed '/./s/^/    /'
  } > "$out"
}

for f in "$UP"/imageconfig/*.yaml; do
  b=$(basename "$f" .yaml)
  src="$f"
  if ! grep -q '^kind: ConfigMap' "$f"; then configmap "$f" "$T/$b.yaml"; src="$T/$b.yaml"; fi
  for c in registry rules flatten nest override pull exclude-all; do wrap "ic-$b-$c" "$src" "$c"; done
done
for f in "$UP"/crs/*.yaml; do
  b=$(basename "$f" .yaml)
  for c in registry rules flatten; do wrap "cr-$b-$c" "$f" "$c"; done
done
for f in "$UP"/crs/{k8c-reaper-tag-only-quoted,k8c-medusa-registry-repository-only,reaper-containerimage-initcontainerimage,cassdc-co-podtemplate-extra-container}.yaml; do
  wrap "cr-$(basename "$f" .yaml)-pull" "$f" pull
done
for f in "$UP"/rendered/*.yaml; do
  b=$(basename "$f" .yaml)
  for c in registry rules flatten; do
    mkdir -p "$ROOT/testdata/rendered-$b-$c"
    echo "--config ../configs/$c.yaml ../upstream/rendered/$b.yaml" > "$ROOT/testdata/rendered-$b-$c/cmd"
  done
done
mkdir -p "$ROOT/testdata/rendered-k8ssandra-operator-v1.32.5-control-plane-pull"
echo "--config ../configs/pull.yaml ../upstream/rendered/k8ssandra-operator-v1.32.5-control-plane.yaml" \
  > "$ROOT/testdata/rendered-k8ssandra-operator-v1.32.5-control-plane-pull/cmd"
