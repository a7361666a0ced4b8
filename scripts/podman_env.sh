# Sourced: a private, rootful podman for tests and `make image` on machines
# without a container engine service. Everything podman writes (images,
# containers, its run state) stays below $PODMAN_ROOT, which the caller
# removes. The settings are the ones a sandboxed root needs:
#   default_ulimits  the caller's own hard limits (podman's defaults exceed
#                    them: "setrlimit RLIMIT_NOFILE: Operation not permitted")
#   runtime runc, cgroupfs, file events: no systemd, cgroups v1/hybrid
# Usage: PODMAN_ROOT=$(mktemp -d); source scripts/podman_env.sh
: "${PODMAN_ROOT:?set PODMAN_ROOT to a directory podman may own}"
mkdir -p "$PODMAN_ROOT/storage" "$PODMAN_ROOT/run" "$PODMAN_ROOT/tmp"
_pe_nofile=$(ulimit -Hn)
_pe_nproc=$(ulimit -Hu)
_pe_pidmax=$(cat /proc/sys/kernel/pid_max 2> /dev/null || echo 32768)
[ "$_pe_nofile" = unlimited ] && _pe_nofile=1048576
if [ "$_pe_nproc" = unlimited ] || [ "$_pe_nproc" -gt "$_pe_pidmax" ]; then _pe_nproc=$_pe_pidmax; fi
[ "$_pe_nofile" -gt 20000 ] && _pe_nofile=20000
[ "$_pe_nproc" -gt 32768 ] && _pe_nproc=32768
cat > "$PODMAN_ROOT/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$_pe_nofile:$_pe_nofile", "nproc=$_pe_nproc:$_pe_nproc"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$PODMAN_ROOT/events.log"
tmp_dir = "$PODMAN_ROOT/tmp"
CONF
cat > "$PODMAN_ROOT/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$PODMAN_ROOT/storage"
runroot = "$PODMAN_ROOT/run"
CONF
export CONTAINERS_CONF="$PODMAN_ROOT/containers.conf"
export CONTAINERS_STORAGE_CONF="$PODMAN_ROOT/storage.conf"
export TMPDIR="$PODMAN_ROOT/tmp"
unset _pe_nofile _pe_nproc _pe_pidmax
