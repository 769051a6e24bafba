# Sourced by image/test-image.sh and bench/image.sh: podman with its storage, run state and configuration in
# a scratch folder, so nothing lands in /var/lib/containers and a run leaves nothing behind.
#
#   podman_env_setup DIR   writes DIR/storage.conf and DIR/containers.conf and exports
#                          CONTAINERS_STORAGE_CONF and CONTAINERS_CONF
#   prun ARGS...           podman run with the runtime and limits that work in this kind of sandbox
#   podman_env_teardown    removes every container and image of the scratch store, then the folder
#
# Facts behind the flags (checked on these machines): the default runtime (crun) cannot raise rlimits here
# and fails, runc works; a --ulimit flag replaces all default limits, so both are given; without systemd the
# cgroupfs manager and a file events log are what work.

podman_env_setup() {
  PODMAN_SCRATCH="$1"
  mkdir -p "$PODMAN_SCRATCH/graph" "$PODMAN_SCRATCH/run" "$PODMAN_SCRATCH/tmp"
  cat > "$PODMAN_SCRATCH/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$PODMAN_SCRATCH/graph"
runroot = "$PODMAN_SCRATCH/run"
EOF
  # The same settings for containers that podman's API service creates for a docker client, which
  # cannot pass podman's flags.
  cat > "$PODMAN_SCRATCH/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$PODMAN_SCRATCH/tmp"
EOF
  export CONTAINERS_STORAGE_CONF="$PODMAN_SCRATCH/storage.conf"
  export CONTAINERS_CONF="$PODMAN_SCRATCH/containers.conf"
}

prun() {
  podman --runtime runc run --ulimit nofile=20000:20000 --ulimit nproc=4096:4096 "$@"
}

podman_env_teardown() {
  [ -n "${PODMAN_SCRATCH:-}" ] && [ -d "$PODMAN_SCRATCH" ] || return 0
  podman rm --all --force >/dev/null 2>&1 || true
  podman system reset --force >/dev/null 2>&1 || true
  # An overlay mount left behind would make rm fail: unmount whatever is still mounted below the folder.
  awk -v dir="$PODMAN_SCRATCH" 'index($2, dir) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
  rm -rf "$PODMAN_SCRATCH"
}

# Installs Debian packages with apt-get when the commands are missing: apt_install_for COMMAND=PACKAGE...
# Returns 1 only when they cannot be installed (no apt-get, not root, or the install fails).
apt_install_for() {
  local want=() pair
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || want+=("${pair#*=}")
  done
  [ ${#want[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] || return 1
  echo "podman-env: installing ${want[*]} (apt-get)" >&2
  # No service may start while installing (docker.io would start a daemon): policy-rc.d says so, if none is set.
  local policy=/usr/sbin/policy-rc.d own_policy=""
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && own_policy=1; fi
  local code=0
  (DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}") >&2 || code=$?
  [ -n "$own_policy" ] && rm -f "$policy"
  [ "$code" = 0 ] || return 1
  for pair in "$@"; do command -v "${pair%%=*}" >/dev/null 2>&1 || return 1; done
}
