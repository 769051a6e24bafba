#!/usr/bin/env bash
# Measures the container image against the same commands on the host, in one run (figures in the README):
#
#   bench/image.sh [--runs N] [--cold N] [--skip-build] [--compare-bases]
#
# - the image tar's size and its layers (target: at most 200 MB);
# - `IMAGE --version` on the first run after `podman load`, over --cold fresh loads (target: at most 1 s);
# - `IMAGE --version` warm, with and without the class-data-sharing archive, against `java -jar` on the host;
# - a no-op `IMAGE migrate up` against `statestore server` on loopback, against the same command on the host
#   (target: at most 0.3 s slower: an init container runs on every rollout of every replica).
# --compare-bases also builds the image on the mmdebstrap Debian JRE base and measures its size and cold
# start (then rebuilds the default jlink image). Uses hyperfine (installed with apt-get when missing) and
# podman in a scratch store. Not a test: it prints figures, it does not judge them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. image/podman-env.sh

runs=10
cold=5
build=1
compare=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --cold) cold="$2"; shift 2 ;;
    --skip-build) build=0; shift ;;
    --compare-bases) compare=1; shift ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
say() { echo "bench: $*" >&2; }
apt_install_for podman=podman runc=runc hyperfine=hyperfine || { say "needs podman, runc and hyperfine (apt-get)"; exit 1; }

tar_file=target/statestore-image.tar
build_image() {
  say "building the image (mvn -Pimage -DskipTests package $*) ..."
  mvn -B -q -Dstyle.color=never -Pimage -DskipTests package "$@" >&2
}
if [ "$build" = 1 ] || [ ! -f "$tar_file" ]; then build_image; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/statestore-bench.XXXXXX")"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  podman_env_teardown
  rm -rf "$work"
}
trap cleanup EXIT
podman_env_setup "$work/podman"
image_of() { python3 -c 'import json,sys,tarfile; print(json.load(tarfile.open(sys.argv[1]).extractfile("manifest.json"))[0]["RepoTags"][0])' "$1"; }
image="$(image_of "$tar_file")"
now() { date +%s.%N; }
runner=(podman --runtime runc run --rm --ulimit nofile=20000:20000 --ulimit nproc=4096:4096)

layers() {
  python3 - "$1" <<'EOF'
import json, sys, tarfile
t = tarfile.open(sys.argv[1])
m = json.load(t.extractfile("manifest.json"))[0]
c = json.load(t.extractfile(m["Config"]))
hist = [h for h in c.get("history", []) if not h.get("empty_layer")]
for name, h in zip(m["Layers"], hist):
    what = h.get("comment") or h.get("created_by", "")[:40]
    print(f"    layer {what:<28} {t.getmember(name).size / 1e6:7.1f} MB")
EOF
}

# Loads TAR into an empty store N times and times the first --version after each load; prints
# "load_median first_median first_max".
cold_starts() {
  local tar="$1" img="$2" n="$3" i t0 t1 t2
  : > "$work/cold.txt"
  for i in $(seq 1 "$n"); do
    podman rmi -f "$img" >/dev/null 2>&1 || true
    sync
    t0=$(now)
    podman load -q -i "$tar" >/dev/null
    t1=$(now)
    "${runner[@]}" --network=none "$img" --version >/dev/null
    t2=$(now)
    echo "$t0 $t1 $t2" >> "$work/cold.txt"
  done
  python3 - "$work/cold.txt" <<'EOF'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
load = [b - a for a, b, c in rows]
first = [c - b for a, b, c in rows]
print(f"{statistics.median(load):.2f} {statistics.median(first):.2f} {max(first):.2f}")
EOF
}

mean_of() { python3 -c 'import json,sys; print(" ".join("%.3f" % r["mean"] for r in json.load(open(sys.argv[1]))["results"]))' "$1"; }

size_mb=$(python3 -c "import os; print(f'{os.path.getsize(\"$tar_file\")/1e6:.1f}')")
say "cold starts: $cold fresh loads of $tar_file"
read -r load_s first_s first_max < <(cold_starts "$tar_file" "$image" "$cold")

# The host runs the jar as bin/statestore does; the container runs its own entrypoint.
host_java=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar target/statestore.jar)
say "warm --version: host, container, container without the archive ($runs runs each)"
hyperfine -N --style none --warmup 2 --runs "$runs" --export-json "$work/version.json" \
  -n host "${host_java[*]} --version" \
  -n container "${runner[*]} --network=none $image --version" \
  -n container-no-cds "${runner[*]} --network=none -e JDK_JAVA_OPTIONS=-Xshare:off $image --version" >&2
read -r v_host v_cont v_nocds < <(mean_of "$work/version.json")

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
echo "bench-$RANDOM$RANDOM" > "$work/password"
java -jar target/statestore.jar server --data-dir "$work/store" --bolt-port "$port" --password-file "$work/password" \
  >"$work/server.out" 2>"$work/server.err" </dev/null &
server_pid=$!
for _ in $(seq 1 240); do grep -q '^serving' "$work/server.out" 2>/dev/null && break; sleep 0.5; done
grep -q '^serving' "$work/server.out" || { cat "$work/server.err" >&2; say "server did not start"; exit 1; }
export NEO4J_URL="bolt://127.0.0.1:$port" NEO4J_USER=neo4j NEO4J_PASS="$(cat "$work/password")"
"${host_java[@]}" migrate up >/dev/null 2>&1
say "no-op migrate up: host and container against statestore server on loopback ($runs runs each)"
hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$work/migrate.json" \
  -n host "${host_java[*]} migrate up" \
  -n container "${runner[*]} --network=host -e NEO4J_URL -e NEO4J_USER -e NEO4J_PASS $image migrate up" >&2
read -r m_host m_cont < <(mean_of "$work/migrate.json")

report() {
  python3 - "$@" <<'EOF'
import sys
(size, load, first, first_max, v_host, v_cont, v_nocds, m_host, m_cont) = map(float, sys.argv[1:10])
def verdict(ok): return "within target" if ok else "OVER TARGET"
print(f"image tar                        {size:7.1f} MB        (target <= 200 MB: {verdict(size <= 200)})")
print(f"podman load                      {load:7.2f} s         (median)")
print(f"first --version after load       {first:7.2f} s         (median; max {first_max:.2f} s; target <= 1 s: {verdict(first_max <= 1.0)})")
print(f"--version warm, host             {v_host:7.3f} s")
print(f"--version warm, container        {v_cont:7.3f} s         ({v_cont - v_host:+.3f} s, x{v_cont / v_host:.2f} of host)")
print(f"--version warm, no CDS archive   {v_nocds:7.3f} s         (the archive saves {v_nocds - v_cont:.3f} s)")
print(f"no-op migrate up, host           {m_host:7.3f} s")
print(f"no-op migrate up, container      {m_cont:7.3f} s         ({m_cont - m_host:+.3f} s, x{m_cont / m_host:.2f} of host; target <= +0.3 s: {verdict(m_cont - m_host <= 0.3)})")
EOF
}

echo "== statestore image ($image, jlink base) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
layers "$tar_file"
report "$size_mb" "$load_s" "$first_s" "$first_max" "$v_host" "$v_cont" "$v_nocds" "$m_host" "$m_cont"

if [ "$compare" = 1 ]; then
  kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  server_pid=""
  build_image -Dimage.base.variant=debian-jre
  alt="target/image/statestore-image-debian-jre.tar"
  cp -f "$tar_file" "$alt"
  alt_size=$(python3 -c "import os; print(f'{os.path.getsize(\"$alt\")/1e6:.1f}')")
  read -r alt_load alt_first alt_max < <(cold_starts "$alt" "$(image_of "$alt")" "$cold")
  hyperfine -N --style none --warmup 2 --runs "$runs" --export-json "$work/alt.json" \
    -n container "${runner[*]} --network=none $(image_of "$alt") --version" >&2
  read -r alt_warm < <(mean_of "$work/alt.json")
  echo "== the same app on the mmdebstrap Debian JRE base"
  layers "$alt"
  echo "image tar                        $alt_size MB"
  echo "podman load                      $alt_load s (median)"
  echo "first --version after load       $alt_first s (median; max $alt_max s)"
  echo "--version warm, container        $alt_warm s"
  build_image
fi
