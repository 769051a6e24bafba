#!/usr/bin/env bash
# Builds the image's class-data-sharing archive (the classes a CLI run loads, parsed and verified ahead of time):
#
#   image/train-cds.sh --image target/image/without-cds.tar --output target/image/cds
#
# It unpacks the image built without the archive, runs its own entrypoint in a chroot (as user 65532, in a
# private mount namespace) for the commands a container runs against a database: --version and help, and
# against `statestore server` on loopback migrate up/status/await and the identity commands; then it
# dumps the classes those runs loaded into OUTPUT/app/cds/statestore.jsa with the entrypoint's own JVM flags
# and class path, so the final image (same layers plus this file) maps it. The embedded store's classes
# (the Neo4j kernel, 13,000 more) are left out: they would add 90 MB to the archive and 24 MB to the image
# tar for commands a container seldom runs (see the README's measurements).
# CDS checks the class path's jar sizes and times; Jib stamps every file with the same time, so the jars in
# the final image match the ones trained here. The archive is cached by the hash of the image tar (Jib's
# output is reproducible) in ${STATESTORE_CACHE:-~/.cache/statestore}. Needs root (chroot, mount).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
image=""
output=""
while [ $# -gt 0 ]; do
  case "$1" in
    --image) image="$2"; shift 2 ;;
    --output) output="$2"; shift 2 ;;
    *) echo "train-cds: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -f "$image" ] && [ -n "$output" ] || { echo "train-cds: --image TAR and --output DIR are required" >&2; exit 2; }
say() { echo "train-cds: $*" >&2; }
[ "$(id -u)" = 0 ] || { say "needs root (chroot and a private mount namespace)"; exit 1; }

uid=65532
chroot_cmd="$(command -v chroot)" || { say "chroot (coreutils) is missing"; exit 1; }
config_json="$(python3 "$here/docker-archive.py" config --archive "$image")"
# The entrypoint, one argument per line, and the archive path its -XX:SharedArchiveFile names.
mapfile -t entrypoint < <(python3 -c 'import json,sys; [print(a) for a in json.load(sys.stdin)["config"]["Entrypoint"]]' <<<"$config_json")
mapfile -t image_env < <(python3 -c 'import json,sys; [print(e) for e in json.load(sys.stdin)["config"].get("Env", [])]' <<<"$config_json")
archive=""
jvm_flags=()
i=1
while [ $i -lt ${#entrypoint[@]} ] && [ "${entrypoint[$i]}" != "-cp" ] && [ "${entrypoint[$i]}" != "--class-path" ]; do
  case "${entrypoint[$i]}" in
    -XX:SharedArchiveFile=*) archive="${entrypoint[$i]#-XX:SharedArchiveFile=}" ;;
    -Xshare:*) ;;
    *) jvm_flags+=("${entrypoint[$i]}") ;;
  esac
  i=$((i + 1))
done
[ -n "$archive" ] || { say "the entrypoint names no -XX:SharedArchiveFile: nothing to train"; exit 1; }
java_cmd="${entrypoint[0]}"
class_path=("${entrypoint[@]:$i:2}")
main_class="${entrypoint[$((i + 2))]}"

cache_dir="${STATESTORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/statestore}"
key="$( { sha256sum < "$image"; cat "$0"; } | sha256sum | cut -c1-16)"
cached="$cache_dir/cds-$key.jsa"
rm -rf "$output"
mkdir -p "$output$(dirname "$archive")"
if [ -f "$cached" ]; then
  say "using cached archive $cached"
  cp -f "$cached" "$output$archive"
  chmod 0644 "$output$archive"
  exit 0
fi

started=$SECONDS
work="$(mktemp -d "${TMPDIR:-/tmp}/statestore-cds.XXXXXX")"
server_pid=""
# Stops the training server (SIGTERM, then SIGKILL after a minute) before its files go.
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
cleanup() {
  stop_server
  [ -n "${KEEP_WORK:-}" ] && echo "train-cds: kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
root="$work/root"
python3 "$here/docker-archive.py" unpack --archive "$image" --into "$root"
mkdir -p "$root/proc" "$root/dev" "$root/tmp/training" "$root$(dirname "$archive")"
chmod 1777 "$root/tmp"
chown "$uid:$uid" "$root/tmp/training"
log="$work/training.log"

# The command line that runs ARGS inside the unpacked image as 65532 (or root with AS=0), in a private mount
# namespace with /proc and /dev, with the image's environment. Every step execs the next, so the pid of
# `"${image_cmd[@]}" &` is the JVM's own and a signal to it reaches the JVM.
in_image_cmd() {
  local user="${AS:-$uid}"
  image_cmd=(env -i "${image_env[@]}" HOME=/home/nonroot STATESTORE_LOG_FORMAT=text "${EXTRA_ENV[@]}"
    unshare --mount --propagation private --
    sh -c 'chroot_cmd="$1"; root="$2"; user="$3"; shift 3
           mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" &&
           exec "$chroot_cmd" --userspec="$user:$user" "$root" "$@"' sh "$chroot_cmd" "$root" "$user" "$@")
}
in_image() {
  in_image_cmd "$@"
  "${image_cmd[@]}"
}

n=0
# One CLI run recording the classes it loads; an unexpected exit code fails the build.
train() {
  local want="$1"; shift
  n=$((n + 1))
  local code=0
  in_image "$java_cmd" "${jvm_flags[@]}" -Xshare:off "-XX:DumpLoadedClassList=/tmp/training/$n.classlist" \
    "${class_path[@]}" "$main_class" "$@" >>"$log" 2>&1 </dev/null || code=$?
  if [ "$code" != "$want" ]; then
    say "training run '$*' exited $code, expected $want; its output:"; tail -20 "$log" >&2
    exit 1
  fi
}

EXTRA_ENV=()
train 0 --version
train 0 --help

# A server on loopback with a password, as the API's database would be.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
echo "training-password-$RANDOM$RANDOM" > "$root/tmp/training/password"
chown "$uid:$uid" "$root/tmp/training/password"
EXTRA_ENV=()
in_image_cmd "$java_cmd" "${jvm_flags[@]}" "${class_path[@]}" "$main_class" server --data-dir /tmp/training/server \
  --bolt-port "$port" --password-file /tmp/training/password
"${image_cmd[@]}" >"$work/server.out" 2>>"$log" </dev/null &
server_pid=$!
for _ in $(seq 1 240); do
  grep -q '^serving' "$work/server.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { say "training server exited:"; tail -20 "$log" >&2; exit 1; }
  sleep 0.5
done
grep -q '^serving' "$work/server.out" || { say "training server did not start"; exit 1; }
EXTRA_ENV=(NEO4J_URL="bolt://127.0.0.1:$port" NEO4J_USER=neo4j NEO4J_PASS="$(cat "$root/tmp/training/password")")
train 0 migrate up
train 0 migrate up
train 0 migrate status --check
train 0 migrate await --version 0.1.0 --timeout 30s
train 0 identity add -t user -i training-user -k training-key-1
train 0 identity add-scope -t user -i training-user -s acme-tyk2-round1 -s 'openff-*-*'
train 0 identity list-scope -t user -i training-user --output json
EXTRA_ENV+=(STATESTORE_KEY=not-the-key)
train 4 identity verify -t user -i training-user
EXTRA_ENV=(NEO4J_URL="bolt://127.0.0.1:$port" NEO4J_USER=neo4j NEO4J_PASS=wrong-password)
train 4 migrate status
EXTRA_ENV=(NEO4J_URL="bolt://127.0.0.1:1")
train 3 migrate status
stop_server

# One class list, in first-seen order (the dump loads each class and its supertypes by name). JDK 17's
# class list reader refuses lines over 4 KiB (a few lambda proxies with huge signatures): those stay out.
cat "$root"/tmp/training/*.classlist | grep -v '^#' | awk 'length($0) < 4096 && !seen[$0]++' \
  > "$root/tmp/training/all.classlist"
say "$(wc -l < "$root/tmp/training/all.classlist") classes and lambda forms from $n runs; dumping $archive"
EXTRA_ENV=()
AS=0 in_image "$java_cmd" "${jvm_flags[@]}" -Xshare:dump \
  -XX:SharedClassListFile=/tmp/training/all.classlist "-XX:SharedArchiveFile=$archive" "${class_path[@]}" \
  >"$work/dump.log" 2>&1 || { say "dump failed:"; tail -20 "$work/dump.log" >&2; exit 1; }
chmod 0644 "$root$archive"
# The archive must map, or the JVM silently runs without it.
AS=0 in_image "$java_cmd" "${jvm_flags[@]}" -Xshare:on "-XX:SharedArchiveFile=$archive" \
  "${class_path[@]}" "$main_class" --version >/dev/null 2>"$work/check.log" \
  || { say "the archive does not map:"; cat "$work/check.log" >&2; exit 1; }

cp -f "$root$archive" "$output$archive"
mkdir -p "$cache_dir"
rm -f "$cache_dir"/cds-*.jsa
cp -f "$root$archive" "$cached.part" && mv -f "$cached.part" "$cached"
say "archive of $(du -h "$output$archive" | cut -f1) in $((SECONDS - started)) s"
