#!/usr/bin/env bash
# The image test (run by .ci/run after the Maven suite; 4-9 minutes on 2 cores with nothing cached, 2-5 with
# the base and the class cache cached):
#
#   image/test-image.sh
#
# 1. builds target/statestore-image.tar with `mvn -Pimage -DskipTests package` and checks its config
#    (entrypoint, user 65532, /data volume, no secrets, the class cache fitting the runtime;
#    image/check-image-config.py) and its size;
# 2. loads it into podman (runc, explicit ulimits, storage in a scratch folder) and runs it: --version, the
#    ahead-of-time cache mapping (-XX:AOTMode=on, fatal when it cannot be used; -Xshare:on for the CDS archive
#    of a Java 17 image) with the embedded default writing to the /data volume, and a cache that cannot be
#    used (other JVM flags) skipped silently;
# 3. starts `statestore server` from the built jar on a free loopback port with a password and, through
#    containers on the host's network: migrate up and migrate status --check (exit 0); the operations
#    manual's two identity lines as written (in a terminal, for -it), checked with a query of its own
#    (image/IdentityCheck.java) and with list-scope/verify through the image; a bad password exits 4;
#    and `IMAGE server` serving its /data volume to the host's CLI, stopped with SIGTERM;
# 4. runs the manual's identity lines again with the docker client (`docker run --rm -it ...`) against
#    podman's API socket.
# No run of the image may print a JVM warning (Unsafe, native access, unified logging, "Picked up ...") on
# stdout or stderr; only the runs that set JDK_JAVA_OPTIONS themselves may show the launcher's note about it.
# It installs podman and runc (apt-get) when missing and skips, exit 0, only when they cannot be installed.
# Every other problem fails it. Ends with "image-test: N passed, N failed".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"
# shellcheck source=image/podman-env.sh
. image/podman-env.sh

say() { echo "image-test: $*"; }
passed=0
failed=0
ok() { passed=$((passed + 1)); say "ok     $*"; }
bad() { failed=$((failed + 1)); say "FAILED $*"; }
# What the JVM (not the CLI) prints when something is off: module-system and Unsafe warnings, VM warnings,
# unified-logging warnings and errors, the launcher's notes about option variables, a failed start.
jvm_warning='^WARNING: |VM warning|^\[[0-9.]+s\]\[(warning|error) *\]|Picked up (JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS)|^Error occurred during initialization of VM'
scanned=0
warned=0
# jvm_warnings FILE...: the JVM warning lines in the files; with ALLOW_NOTE=1 the launcher's
# "NOTE: Picked up JDK_JAVA_OPTIONS" line (the check set that variable itself) does not count.
jvm_warnings() {
  if [ "${ALLOW_NOTE:-}" = 1 ]; then
    grep -hE "$jvm_warning" "$@" | grep -v '^NOTE: Picked up JDK_JAVA_OPTIONS: ' || true
  else
    grep -hE "$jvm_warning" "$@" || true
  fi
}
# expect CODE DESCRIPTION COMMAND...: runs the command, output to the log, and checks its exit code and that
# it printed no JVM warning (NO_SCAN=1: a run meant to fail at the JVM's start, whose error is the point).
expect() {
  local want="$1" what="$2" code=0 warnings
  shift 2
  echo "\$ $*" >>"$log"
  # timeout signals its whole process group, so a hung podman run goes too; functions run in a bash child.
  timeout 300 bash -c '"$@"' expect "$@" >"$work/last.out" 2>"$work/last.err" || code=$?
  cat "$work/last.out" "$work/last.err" >>"$log"
  warnings=""
  if [ "${NO_SCAN:-}" != 1 ]; then
    scanned=$((scanned + 1))
    warnings="$(jvm_warnings "$work/last.out" "$work/last.err")"
  fi
  if [ "$code" != "$want" ]; then
    bad "$what: exit $code, wanted $want"; cat "$work/last.out" "$work/last.err" | sed 's/^/    /' | tail -15
  elif [ -n "$warnings" ]; then
    warned=$((warned + 1))
    bad "$what (exit $code) printed JVM warnings:"; printf '%s\n' "$warnings" | sed 's/^/    /' | head -10
  else
    ok "$what (exit $code)"
  fi
}
# A command line run in a terminal, so `-it` works as it does for a person typing it.
in_terminal() {
  script -qec "$1" /dev/null </dev/null
}
export -f prun in_terminal

if ! apt_install_for podman=podman runc=runc; then
  say "SKIPPED: podman and runc are missing and cannot be installed here (needs root and apt-get); the image was not tested"
  exit 0
fi
started=$SECONDS
work="$(mktemp -d "${TMPDIR:-/tmp}/statestore-image-test.XXXXXX")"
log="$work/test.log"
server_pid=""
service_pid=""
cleanup() {
  local code=$?
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$service_pid" ] && kill -TERM "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true
  podman_env_teardown
  if [ "$code" != 0 ] && [ -f "$log" ]; then cp -f "$log" "$repo/target/image-test.log" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# ---- 1. build and inspect
say "building the image (mvn -Pimage -DskipTests package) ..."
if ! timeout 1200 mvn -B -Dstyle.color=never -Pimage -DskipTests package >"$work/build.log" 2>&1; then
  tail -60 "$work/build.log"
  bad "mvn -Pimage -DskipTests package"
  say "$passed passed, $failed failed"
  exit 1
fi
grep -E '^(build-base|train-cds):' "$work/build.log" | sed 's/^/    /' || true
tar_file=target/statestore-image.tar
ok "image built in $((SECONDS - started)) s: $tar_file"
if python3 image/check-image-config.py "$tar_file" >"$work/config.out" 2>&1; then
  ok "image config: $(grep -c '^ok' "$work/config.out") checks (entrypoint, user 65532, /data volume, no secrets, class cache)"
else
  bad "image config"; sed 's/^/    /' "$work/config.out"
fi
runtime="$(grep -om1 'Java [0-9][0-9.]* runtime' "$work/config.out" || echo "an unknown runtime")"
if python3 image/docker-archive.py config --archive "$tar_file" | grep -- '-XX:AOTCache=' >/dev/null; then
  cache=aot
  say "    $runtime with the ahead-of-time cache /app/cds/statestore.aot"
else
  cache=cds
  say "    $runtime with the class-data-sharing archive /app/cds/statestore.jsa (no Java 25+ runtime: see build-base's lines)"
fi
size_mb=$(( $(stat -c %s "$tar_file") / 1000000 ))
if [ "$size_mb" -le 200 ]; then ok "image tar is $size_mb MB (at most 200)"; else bad "image tar is $size_mb MB, more than 200"; fi
image="$(python3 -c 'import json,sys,tarfile; print(json.load(tarfile.open(sys.argv[1]).extractfile("manifest.json"))[0]["RepoTags"][0])' "$tar_file")"

# ---- 2. load and run
podman_env_setup "$work/podman"
load_start=$(date +%s.%N)
expect 0 "podman load -i $tar_file" podman load -q -i "$tar_file"
first_start=$(date +%s.%N)
expect 0 "first run after load: $image --version" prun --rm --network=none "$image" --version
first_end=$(date +%s.%N)
grep -q '^statestore ' "$work/last.out" || bad "--version printed no 'statestore VERSION' line"
say "    load $(python3 -c "print(f'{$first_start - $load_start:.1f}')") s, first --version $(python3 -c "print(f'{$first_end - $first_start:.2f}')") s (bench/image.sh measures these properly)"
if [ "$cache" = aot ]; then
  # -XX:AOTMode=on makes the JVM fail at start when the ahead-of-time cache cannot be used.
  ALLOW_NOTE=1 expect 0 "a deliberate local store: migrate up --data-dir /data writes to the volume as user 65532; the AOT cache maps (-XX:AOTMode=on)" \
    prun --rm --network=none -e JDK_JAVA_OPTIONS=-XX:AOTMode=on "$image" migrate up --data-dir /data
  # Compressed oops off: the cache cannot be used (with -XX:AOTMode=on the JVM refuses to start); without
  # AOTMode=on the JVM runs without it and prints nothing.
  NO_SCAN=1 expect 1 "  ... the cache cannot be used with -XX:-UseCompressedOops (-XX:AOTMode=on refuses to start)" \
    prun --rm --network=none -e "JDK_JAVA_OPTIONS=-XX:-UseCompressedOops -XX:AOTMode=on" "$image" --version
  # (The JVM writes its start-up errors to stdout.)
  cat "$work/last.out" "$work/last.err" | grep -q 'Unable to use AOT cache' && ok "  ... naming the AOT cache" \
    || bad "AOTMode=on with compressed oops off did not name the AOT cache: $(cat "$work/last.out" "$work/last.err")"
  ALLOW_NOTE=1 expect 0 "a cache that cannot be used (-XX:-UseCompressedOops) is skipped silently: --version" \
    prun --rm --network=none -e JDK_JAVA_OPTIONS=-XX:-UseCompressedOops "$image" --version
else
  # -Xshare:on makes the JVM fail at start when the class-data-sharing archive does not map.
  ALLOW_NOTE=1 expect 0 "a deliberate local store: migrate up --data-dir /data writes to the volume as user 65532; the CDS archive maps (-Xshare:on)" \
    prun --rm --network=none -e JDK_JAVA_OPTIONS=-Xshare:on "$image" migrate up --data-dir /data
fi
expect 2 "no embedded default in the image: migrate up without -e NEO4J_URL exits 2" \
  prun --rm --network=none "$image" migrate up
grep -q 'NEO4J_URL' "$work/last.err" && ok "  ... naming -e NEO4J_URL" || bad "migrate up without a URL did not name NEO4J_URL: $(cat "$work/last.err")"
expect 2 "the manual's identity add without its -e flags exits 2 (nothing lands in the container's /data)" \
  prun --rm --network=none "$image" identity add -t user -i bob -k 1e2feb89414c343c1027c4d1c386bbc4
grep -q 'NEO4J_URL' "$work/last.err" && ok "  ... naming -e NEO4J_URL" || bad "identity add without a URL did not name NEO4J_URL: $(cat "$work/last.err")"

# ---- 3. against statestore server on the host's loopback
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
password="image-test-$RANDOM$RANDOM$RANDOM"
printf '%s\n' "$password" >"$work/password"
java -jar target/statestore.jar server --data-dir "$work/store" --bolt-port "$port" --password-file "$work/password" \
  >"$work/server.out" 2>"$work/server.err" </dev/null &
server_pid=$!
for _ in $(seq 1 240); do
  grep -q '^serving' "$work/server.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.5
done
if grep -q '^serving' "$work/server.out"; then ok "statestore server on 127.0.0.1:$port with a password"; else
  bad "statestore server did not start"; cat "$work/server.err"; say "$passed passed, $failed failed"; exit 1; fi

url="bolt://127.0.0.1:$port"
db=(--network=host -e "NEO4J_URL=$url" -e NEO4J_USER=neo4j -e "NEO4J_PASS=$password")
expect 0 "IMAGE migrate up" prun --rm "${db[@]}" "$image" migrate up
expect 0 "IMAGE migrate up again (nothing to do)" prun --rm "${db[@]}" "$image" migrate up
expect 0 "IMAGE migrate status --check" prun --rm "${db[@]}" "$image" migrate status --check
expect 0 "as the Kubernetes manifests run it: read-only root, /tmp a tmpfs, no capabilities, no new privileges" \
  prun --rm --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges "${db[@]}" "$image" migrate up

# The manual's lines, as written but for: podman's runtime and limit flags after `podman`, the host's network
# instead of the compose network, and the placeholders filled in.
db_user=neo4j
db_password="$password"
ALCHEMISCALE_DOCKER_IMAGE="$image"
identity="alice-$RANDOM"
key="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
scope1="acme-tyk2_2023-fep_round1"
scope2="openff-*-*"
podman_run="podman --runtime runc run --ulimit nofile=20000:20000 --ulimit nproc=4096:4096"
expect 0 "manual: identity add -t user (podman run --rm -it)" in_terminal "\
    $podman_run --rm -it --network=host -e NEO4J_URL=$url -e NEO4J_USER=$db_user -e NEO4J_PASS=$db_password \
               $ALCHEMISCALE_DOCKER_IMAGE \
               identity add -t user \
                            -i $identity \
                            -k $key"
expect 0 "manual: identity add-scope -t user -s ... -s ... (podman run --rm -it)" in_terminal "\
    $podman_run --rm -it --network=host -e NEO4J_URL=$url -e NEO4J_USER=$db_user -e NEO4J_PASS=$db_password \
               $ALCHEMISCALE_DOCKER_IMAGE \
               identity add-scope -t user \
                                  -i $identity \
                                  -s $scope1 -s '$scope2'"
check_identity() {
  NEO4J_URL="$url" NEO4J_USER=neo4j NEO4J_PASS="$password" \
    java -cp "target/statestore.jar:target/lib/*" image/IdentityCheck.java "$@"
}
export url password
export -f check_identity
expect 0 "the node is alchemiscale's user identity with both scopes (own query)" check_identity user "$identity" "$scope1" "$scope2"
expect 0 "IMAGE identity list-scope --output json" prun --rm "${db[@]}" "$image" identity list-scope -t user -i "$identity" --output json
if python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); sys.exit(0 if sorted(d["scopes"])==sorted(sys.argv[1:]) else 1)' \
    "$scope1" "$scope2" <"$work/last.out"; then ok "list-scope through the image shows both scopes"; else bad "list-scope scopes: $(cat "$work/last.out")"; fi
expect 0 "IMAGE identity verify accepts the key" prun --rm "${db[@]}" -e "STATESTORE_KEY=$key" "$image" identity verify -t user -i "$identity"
expect 4 "IMAGE identity verify refuses another key" prun --rm "${db[@]}" -e STATESTORE_KEY=not-the-key "$image" identity verify -t user -i "$identity"
expect 0 "the same identity add again with the same key exits 0 (already exists with this key)" prun --rm "${db[@]}" "$image" identity add -t user -i "$identity" -k "$key"
expect 9 "identity add again with another key exits 9" prun --rm "${db[@]}" "$image" identity add -t user -i "$identity" -k not-the-key
bad_pw=(--network=host -e "NEO4J_URL=$url" -e NEO4J_USER=neo4j -e NEO4J_PASS=wrong-password)
expect 4 "a bad password exits 4: migrate up" prun --rm "${bad_pw[@]}" "$image" migrate up
expect 4 "a bad password exits 4: identity add" prun --rm "${bad_pw[@]}" "$image" identity add -t user -i mallory -k "$key"

# ---- IMAGE server: the embedded store in the /data volume served over Bolt, used from the host
port2="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
chmod 0644 "$work/password"
expect 0 "IMAGE server starts detached (password from a mounted file)" \
  prun -d --name statestore-image-test-server --network=host -v "$work/password:/run/secrets/neo4j-password:ro" \
  "$image" server --bolt-port "$port2" --password-file /run/secrets/neo4j-password
for _ in $(seq 1 240); do
  podman logs statestore-image-test-server 2>/dev/null | grep -q '^serving' && break
  sleep 0.5
done
if podman logs statestore-image-test-server 2>/dev/null | grep -q '^serving /data'; then ok "IMAGE server serves /data on 127.0.0.1:$port2"; else
  bad "IMAGE server did not start"; podman logs statestore-image-test-server 2>&1 | tail -15 | sed 's/^/    /'; fi
expect 0 "migrate up from the host against IMAGE server" \
  env NEO4J_URL="bolt://127.0.0.1:$port2" NEO4J_USER=neo4j NEO4J_PASS="$password" java -jar target/statestore.jar migrate up
expect 0 "IMAGE server stops on SIGTERM (podman stop)" podman stop -t 60 statestore-image-test-server
podman logs statestore-image-test-server >"$work/server-logs.out" 2>&1 || true
scanned=$((scanned + 1))
warnings="$(jvm_warnings "$work/server-logs.out")"
if [ -z "$warnings" ]; then ok "IMAGE server logged no JVM warning"; else
  warned=$((warned + 1)); bad "IMAGE server logged JVM warnings:"; printf '%s\n' "$warnings" | sed 's/^/    /' | head -10; fi
podman rm -f statestore-image-test-server >/dev/null 2>&1 || true

# ---- 4. the manual's literal `docker run` through podman's API
if apt_install_for docker=docker.io; then
  socket="$work/podman.sock"
  podman --runtime runc system service --time=300 "unix://$socket" >"$work/service.log" 2>&1 &
  service_pid=$!
  for _ in $(seq 1 60); do [ -S "$socket" ] && break; sleep 0.5; done
  export DOCKER_HOST="unix://$socket"
  expect 0 "docker client talks to podman's API (docker version)" docker version
  compute="gpu-cluster-$RANDOM"
  expect 0 "manual: identity add (docker run --rm -it)" in_terminal "\
    docker run --rm -it --network=host -e NEO4J_URL=$url -e NEO4J_USER=$db_user -e NEO4J_PASS=$db_password \
               $ALCHEMISCALE_DOCKER_IMAGE \
               identity add -t compute \
                            -i $compute \
                            -k $key"
  expect 0 "manual: identity add-scope (docker run --rm -it)" in_terminal "\
    docker run --rm -it --network=host -e NEO4J_URL=$url -e NEO4J_USER=$db_user -e NEO4J_PASS=$db_password \
               $ALCHEMISCALE_DOCKER_IMAGE \
               identity add-scope -t compute \
                                  -i $compute \
                                  -s $scope1"
  expect 0 "the docker-made node is alchemiscale's compute identity (own query)" check_identity compute "$compute" "$scope1"
  unset DOCKER_HOST
else
  bad "the docker client is missing and docker.io cannot be installed"
fi

if [ "$warned" = 0 ]; then ok "no JVM warning in any of the $scanned runs checked ($runtime, $cache)"; else
  bad "$warned of $scanned runs printed JVM warnings"; fi
say "done in $((SECONDS - started)) s"
say "$passed passed, $failed failed"
[ "$failed" = 0 ]
