#!/usr/bin/env bash
# Builds the image's class cache: the classes a CLI run loads, parsed, verified (and on Java 25 linked) ahead of
# time. What the entrypoint names decides which:
#
#   image/train-cds.sh --image target/image/without-cds.tar --output target/image/cds
#
# -XX:AOTCache=/app/cds/statestore.aot (Java 25+, JEP 483/514): one training run records its configuration
#   (-XX:AOTMode=record; a JVM records one run, and configurations cannot be merged): the first `migrate up`
#   against a fresh `statestore server` on loopback, every bundled unit applied, the init container's path (a
#   no-op `migrate up` loads a subset of its classes); then -XX:AOTMode=create writes the cache, and a
#   `--version` with -XX:AOTMode=on (fatal when the cache cannot be used) must exit 0 with nothing on stderr.
# -XX:SharedArchiveFile=/app/cds/statestore.jsa (Java 17): --version, help, and against `statestore server`
#   on loopback migrate up/status/await and the identity commands record the classes they load
#   (-XX:DumpLoadedClassList), merged into one list, dumped with -Xshare:dump and checked with -Xshare:on.
# Every run is the image's own entrypoint in a chroot of the unpacked image built without the cache (as user
# 65532, in a private mount namespace), with its JVM flags and class path, so the final image (same layers plus
# this file) maps it. The embedded store's classes (the Neo4j kernel, 13,000 more) are left out: they would add
# 90 MB to the archive and 24 MB to the image tar for commands a container seldom runs (see the README's
# measurements).
# Both check the class path's jar sizes and times; Jib stamps every file with the same time, so the jars in
# the final image match the ones trained here. The result is cached by the hash of the image tar (Jib's
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
# The entrypoint, one argument per line, and the cache its -XX:AOTCache or -XX:SharedArchiveFile names.
mapfile -t entrypoint < <(python3 -c 'import json,sys; [print(a) for a in json.load(sys.stdin)["config"]["Entrypoint"]]' <<<"$config_json")
mapfile -t image_env < <(python3 -c 'import json,sys; [print(e) for e in json.load(sys.stdin)["config"].get("Env", [])]' <<<"$config_json")
archive=""
mode=""
jvm_flags=()
i=1
while [ $i -lt ${#entrypoint[@]} ] && [ "${entrypoint[$i]}" != "-cp" ] && [ "${entrypoint[$i]}" != "--class-path" ]; do
  case "${entrypoint[$i]}" in
    -XX:SharedArchiveFile=*) archive="${entrypoint[$i]#-XX:SharedArchiveFile=}" mode=cds ;;
    -XX:AOTCache=*) archive="${entrypoint[$i]#-XX:AOTCache=}" mode=aot ;;
    -Xshare:*) ;;
    *) jvm_flags+=("${entrypoint[$i]}") ;;
  esac
  i=$((i + 1))
done
[ -n "$archive" ] || { say "the entrypoint names no -XX:AOTCache or -XX:SharedArchiveFile: nothing to train"; exit 1; }
java_cmd="${entrypoint[0]}"
class_path=("${entrypoint[@]:$i:2}")
main_class="${entrypoint[$((i + 2))]}"

cache_dir="${STATESTORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/statestore}"
key="$( { sha256sum < "$image"; cat "$0"; } | sha256sum | cut -c1-16)"
cached="$cache_dir/$mode-$key.${archive##*.}"
rm -rf "$output"
mkdir -p "$output$(dirname "$archive")"
if [ -f "$cached" ]; then
  say "using cached $([ "$mode" = aot ] && echo "AOT cache" || echo "CDS archive") $cached"
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
# One CLI run recording the classes it loads (the class list of run N; on Java 25 the AOT configuration, one
# run only); an unexpected exit code fails the build.
aot_conf=/tmp/training/statestore.aotconf
train() {
  local want="$1"; shift
  n=$((n + 1))
  local code=0 record
  if [ "$mode" = aot ]; then
    record=(-XX:AOTMode=record "-XX:AOTConfiguration=$aot_conf")
  else
    record=(-Xshare:off "-XX:DumpLoadedClassList=/tmp/training/$n.classlist")
  fi
  echo "\$ $*" >>"$log"
  in_image "$java_cmd" "${jvm_flags[@]}" "${record[@]}" "${class_path[@]}" "$main_class" "$@" >>"$log" 2>&1 </dev/null \
    || code=$?
  if [ "$code" != "$want" ]; then
    say "training run '$*' exited $code, expected $want; its output:"; tail -20 "$log" >&2
    exit 1
  fi
}

EXTRA_ENV=()
if [ "$mode" = cds ]; then
  train 0 --version
  train 0 --help
fi

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
if [ "$mode" = aot ]; then
  # As a container runs it: stderr is no terminal, so the logs are JSON lines.
  EXTRA_ENV+=(STATESTORE_LOG_FORMAT=json)
  train 0 migrate up
  stop_server
  [ -s "$root$aot_conf" ] || { say "the training run recorded no AOT configuration:"; tail -20 "$log" >&2; exit 1; }
  say "recorded the AOT configuration of 'migrate up' (a fresh database, every unit applied); creating $archive"
  EXTRA_ENV=()
  # JDK 25's cache holds no class file older than Java 6 (the build compiles picocli for 17 for this); the classes it
  # skips at creation go to a log.
  AS=0 in_image "$java_cmd" "${jvm_flags[@]}" -XX:AOTMode=create "-XX:AOTConfiguration=$aot_conf" \
    "-XX:AOTCache=$archive" '-Xlog:aot*=warning,cds*=warning:file=/tmp/training/create-warnings.log' "${class_path[@]}" \
    >"$work/create.log" 2>&1 || { say "creating the AOT cache failed:"; tail -20 "$work/create.log" >&2; exit 1; }
  chmod 0644 "$root$archive"
  # -XX:AOTMode=on: a cache that cannot be used is fatal. Nothing may reach stderr.
  in_image "$java_cmd" "${jvm_flags[@]}" "-XX:AOTCache=$archive" -XX:AOTMode=on \
    -Xlog:class+load=info:file=/tmp/training/mapped.log "${class_path[@]}" "$main_class" --version \
    >/dev/null 2>"$work/check.log" </dev/null && [ ! -s "$work/check.log" ] \
    || { say "the AOT cache does not map (-XX:AOTMode=on):"; cat "$work/check.log" >&2; exit 1; }
  skipped="$(grep -c 'Skipping' "$root/tmp/training/create-warnings.log" 2>/dev/null || true)"
  cp -f "$root$archive" "$output$archive"
  mkdir -p "$cache_dir"
  rm -f "$cache_dir"/aot-*.aot
  cp -f "$root$archive" "$cached.part" && mv -f "$cached.part" "$cached"
  say "AOT cache of $(du -h "$output$archive" | cut -f1) in $((SECONDS - started)) s: $(grep -c 'source: shared objects file' "$root/tmp/training/mapped.log") classes mapped with -XX:AOTMode=on (${skipped:-0} left out at creation)"
  exit 0
fi
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
