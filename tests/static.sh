#!/usr/bin/env bash
# The statically linked binary (what the container image ships) runs in an
# empty root holding only itself and packaging/{passwd,group}, as the user
# nobody, with an environment like docker's: every ResourceList golden case
# gives exactly its expected output and exit code there.
source "$(dirname "$0")/lib.sh"
BIN=$(absolute "${1:?usage: static.sh STATIC_BINARY}")
[ -x "$BIN" ] || { echo "static: no binary at $BIN"; exit 1; }
check "the binary is statically linked" "file -L '$BIN' | grep -q 'statically linked' || ldd '$BIN' 2>&1 | grep -q 'not a dynamic executable'"
R="$T/root"
mkdir -p "$R/usr/local/bin" "$R/etc"
cp "$BIN" "$R/usr/local/bin/k8ssandra-images"
cp "$ROOT/packaging/passwd" "$ROOT/packaging/group" "$R/etc/"
check "the root holds nothing else" "[ \$(find '$R' -type f | wc -l) -eq 3 ]"
# chroot needs root; without it, a user namespace maps us to root.
CH=$(command -v chroot); US=$(command -v unshare || true)
if [ "$(id -u)" = 0 ]; then CHROOT=("$CH" --userspec=65534:65534 "$R")
elif [ -n "$US" ] && "$US" -r true 2> /dev/null; then CHROOT=("$US" -r "$CH" "$R")
else
  [ -n "${CI:-}" ] && { echo "FAIL - static: needs root or user namespaces to chroot"; exit 1; }
  echo "skipped: static needs root or user namespaces to chroot"; exit 77
fi
run() { env -i LOG_TO_STDERR=true STRUCTURED_RESULTS=true "${CHROOT[@]}" /usr/local/bin/k8ssandra-images "$@"; }
check "--version runs in the empty root" "run --version | grep -q '^k8ssandra-images '"
# Proof that it runs unprivileged: a root-only file is out of its reach.
cp "$ROOT/testdata/configs/registry.yaml" "$R/etc/cfg.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: b}\n' > "$R/etc/in.yaml"
chmod 0600 "$R/etc/cfg.yaml"
run --config /etc/cfg.yaml /etc/in.yaml > /dev/null 2> "$T/noread"; rc=$?
check "it runs unprivileged: a 0600 root file cannot be read" "[ $rc -eq 1 ] && grep -q 'cannot read config' '$T/noread'"
chmod 0644 "$R/etc/cfg.yaml"
check "and a 0644 one can" "run --config /etc/cfg.yaml /etc/in.yaml | grep -q 'name: x'"
rm -f "$R/etc/cfg.yaml" "$R/etc/in.yaml"
n=0
for dir in "$ROOT"/testdata/*/; do
  [ -f "$dir/input.yaml" ] && [ -f "$dir/.expected/output.yaml" ] || continue
  c=$(basename "$dir")
  run < "$dir/input.yaml" > "$T/out" 2> /dev/null; rc=$?
  want=$(sed -n 's/^exitCode: *//p' "$dir/.expected/config.yaml")
  check "$c: exit code $want" "[ $rc -eq $want ]"
  check "$c: output as expected" "cmp -s '$dir/.expected/output.yaml' '$T/out'"
  n=$((n+1))
done
check "golden cases were run ($n)" "[ $n -ge 20 ]"
finish
