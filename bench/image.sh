#!/usr/bin/env bash
# Measures the container image against the same commands on the host, in one run (figures in the README):
#
#   bench/image.sh [--runs N] [--cold N] [--skip-build] [--compare-bases]
#
# - the image tar's size and its layers (target: at most 200 MB);
# - `IMAGE --version` on the first run after `podman load`, over --cold fresh loads (target: at most 1 s);
# - `IMAGE --version` warm, with and without the class cache (the ahead-of-time cache on a Java 25 image,
#   -e JDK_JAVA_OPTIONS=-XX:AOTMode=off; the CDS archive on a Java 17 one, -Xshare:off), against `java -jar` on
#   the host;
# - a no-op `IMAGE migrate up` against `statestore server` on loopback (the bundled units), with and without
#   the cache, against the same command on the host (target: at most 0.3 s slower: an init container runs on
#   every rollout of every replica), and its peak RSS;
# - a no-op `migrate up` over 200 applied one-statement units (bench/migrate.sh's case) in the image, on the
#   host and with the neo4j-migrations CLI (2.19.2, as bench/migrate.sh runs it) on the same files: time, the
#   JVM's own time inside the container, and peak RSS (issue #19's target for the image: at most 0.3x the peer's
#   time and 1.0x its peak RSS).
# Peak RSS is the JVM's own (GNU time's %M, the process's maximum resident set): in the container the host's
# /usr/bin/time is mounted and runs the image's entrypoint, so the JVM's command line is the image's.
# --compare-bases also builds the image on the mmdebstrap Debian JRE base and measures its size and cold
# start (then rebuilds the default jlink image). Commands are timed round-robin (bench/interleave.py), so a
# machine busy with other work slows host and container runs alike; medians, minimums and the median paired
# difference to the host are reported. Uses podman in a scratch store. Not a test: it prints figures.
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
apt_install_for podman=podman runc=runc || { say "needs podman and runc (apt-get)"; exit 1; }

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
config_json="$(python3 image/docker-archive.py config --archive "$tar_file")"
if grep -q -- '-XX:AOTCache=' <<<"$config_json"; then
  cache_name="AOT cache" cache_off=-XX:AOTMode=off
else
  cache_name="CDS archive" cache_off=-Xshare:off
fi
java_version="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["config"].get("Labels", {}).get("org.statestore.base.java", "?"))' <<<"$config_json")"
# The image's entrypoint with the host's GNU time in front (mounted at /opt/bench/time), as podman's --entrypoint.
timed_entrypoint="$(python3 -c 'import json,sys; print(json.dumps(["/opt/bench/time", "-f", "peak-rss-kb %M elapsed-s %e"] + json.load(sys.stdin)["config"]["Entrypoint"]))' <<<"$config_json")"
[ -x /usr/bin/time ] || { say "needs GNU time (/usr/bin/time, Debian package time) for the peak RSS"; exit 1; }

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

# Loads TAR into an empty store N times and times the first --version after each load, and then the host's
# --version as a reference taken at the same moment; prints "load_median first_median first_max host_median".
cold_starts() {
  local tar="$1" img="$2" n="$3" i t0 t1 t2 t3
  : > "$work/cold.txt"
  for i in $(seq 1 "$n"); do
    podman rmi -f "$img" >/dev/null 2>&1 || true
    sync
    t0=$(now)
    podman load -q -i "$tar" >/dev/null
    t1=$(now)
    "${runner[@]}" --network=none "$img" --version >/dev/null
    t2=$(now)
    "${host_java[@]}" --version >/dev/null
    t3=$(now)
    echo "$t0 $t1 $t2 $t3" >> "$work/cold.txt"
  done
  python3 - "$work/cold.txt" <<'EOF'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
load = [b - a for a, b, c, d in rows]
first = [c - b for a, b, c, d in rows]
host = [d - c for a, b, c, d in rows]
print(f"{statistics.median(load):.2f} {statistics.median(first):.2f} {max(first):.2f} {statistics.median(host):.2f}")
EOF
}

# Interleaved timing: LABEL=COMMAND ... -> bench/interleave.py's JSON in $work/NAME.json
timed() {
  local name="$1"; shift
  python3 bench/interleave.py --runs "$runs" --warmup 1 --json "$work/$name.json" "$@"
}
# "median min median_diff" of LABEL in $work/NAME.json
figures() {
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[sys.argv[2]]; print("%.3f %.3f %.3f" % (r["median"], r["min"], r["median_diff"]))' \
    "$work/$1.json" "$2"
}
# Peak RSS in MB (median of 3 runs) of COMMAND..., which prints "peak-rss-kb N" on stderr (GNU time's -f).
peak_rss() {
  local i
  for i in 1 2 3; do
    "$@" 2>&1 >/dev/null | sed -n 's/^peak-rss-kb \([0-9]*\).*/\1/p' | tail -n 1
  done | sort -n | sed -n 2p | awk '{printf "%.0f", $1 / 1024}'
}
host_rss() { peak_rss /usr/bin/time -f 'peak-rss-kb %M' "$@"; }
container_rss() { peak_rss "${runner[@]}" -v /usr/bin/time:/opt/bench/time:ro --entrypoint "$timed_entrypoint" "$@"; }
# The JVM's own elapsed time inside the container (GNU time's %e around the entrypoint; median of 5): the
# container's run without podman's create, start and removal around it.
container_jvm_s() {
  local i
  for i in 1 2 3 4 5; do
    "${runner[@]}" -v /usr/bin/time:/opt/bench/time:ro --entrypoint "$timed_entrypoint" "$@" 2>&1 >/dev/null \
      | sed -n 's/.*elapsed-s \([0-9.]*\).*/\1/p' | tail -n 1
  done | sort -n | sed -n 3p
}

# The host runs the jar as bin/statestore does; the container runs its own entrypoint.
host_java=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar target/statestore.jar)
size_mb=$(python3 -c "import os; print(f'{os.path.getsize(\"$tar_file\")/1e6:.1f}')")
say "cold starts: $cold fresh loads of $tar_file"
read -r load_s first_s first_max first_host < <(cold_starts "$tar_file" "$image" "$cold")

say "warm --version: host, container, container without the $cache_name ($runs runs each)"
timed version "host=${host_java[*]} --version" \
  "container=${runner[*]} --network=none $image --version" \
  "container-no-cds=${runner[*]} --network=none -e JDK_JAVA_OPTIONS=$cache_off $image --version"
read -r v_host v_host_min _ < <(figures version host)
read -r v_cont v_cont_min v_diff < <(figures version container)
read -r v_nocds v_nocds_min v_nocds_diff < <(figures version container-no-cds)

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
echo "bench-$RANDOM$RANDOM" > "$work/password"
java -jar target/statestore.jar server --data-dir "$work/store" --bolt-port "$port" --password-file "$work/password" \
  >"$work/server.out" 2>"$work/server.err" </dev/null &
server_pid=$!
for _ in $(seq 1 240); do grep -q '^serving' "$work/server.out" 2>/dev/null && break; sleep 0.5; done
grep -q '^serving' "$work/server.out" || { cat "$work/server.err" >&2; say "server did not start"; exit 1; }
export NEO4J_URL="bolt://127.0.0.1:$port" NEO4J_USER=neo4j NEO4J_PASS="$(cat "$work/password")"
"${host_java[@]}" migrate up >/dev/null 2>&1
db=(--network=host -e NEO4J_URL -e NEO4J_USER -e NEO4J_PASS)
say "no-op migrate up: host and container (with and without the $cache_name) against statestore server on loopback ($runs runs each)"
timed migrate "host=${host_java[*]} migrate up" \
  "container=${runner[*]} ${db[*]} $image migrate up" \
  "container-no-cds=${runner[*]} ${db[*]} -e JDK_JAVA_OPTIONS=$cache_off $image migrate up"
read -r m_host m_host_min _ < <(figures migrate host)
read -r m_cont m_cont_min m_diff < <(figures migrate container)
read -r m_nocds m_nocds_min m_nocds_diff < <(figures migrate container-no-cds)
say "peak RSS of the no-op migrate up (3 runs each)"
r_host="$(host_rss "${host_java[@]}" migrate up)"
r_cont="$(container_rss "${db[@]}" "$image" migrate up)"
r_nocds="$(container_rss "${db[@]}" -e JDK_JAVA_OPTIONS=$cache_off "$image" migrate up)"

# bench/migrate.sh's no-op case: 200 applied one-statement units, with the neo4j-migrations CLI on the same files.
nm_home="target/neo4j-migrations-cli"
peer=0
if [ -d "$nm_home" ]; then
  peer=1
  "${host_java[@]}" database reset --yes >/dev/null 2>&1
  mkdir -p "$work/units"
  for v in $(seq 1 200); do echo "CREATE (:Bench {v: $v});" > "$work/units/V${v}__Bench_$v.cypher"; done
  chmod -R a+rX "$work/units"
  # The peer as bench/migrate.sh runs it (bench/peer-cli.sh).
  peer_version="$(bash bench/peer-cli.sh "$work/peer")"
  nm_cmd=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$work/peer/*" ac.simons.neo4j.migrations.cli.MigrationsCli
    --address "$NEO4J_URL" --username neo4j --password "$NEO4J_PASS" --location "file:$work/units" apply)
  units=(migrate up --no-bundled -l /units)
  "${host_java[@]}" migrate up --no-bundled -l "$work/units" >/dev/null 2>&1
  "${nm_cmd[@]}" >/dev/null 2>&1
  say "no-op over 200 applied units: neo4j-migrations, host, container ($runs runs each)"
  timed units "peer=${nm_cmd[*]}" \
    "host=${host_java[*]} migrate up --no-bundled -l $work/units" \
    "container=${runner[*]} ${db[*]} -v $work/units:/units:ro $image ${units[*]}"
  read -r u_peer u_peer_min _ < <(figures units peer)
  read -r u_host u_host_min _ < <(figures units host)
  read -r u_cont u_cont_min _ < <(figures units container)
  say "peak RSS over 200 applied units (3 runs each)"
  ur_peer="$(host_rss "${nm_cmd[@]}")"
  ur_host="$(host_rss "${host_java[@]}" migrate up --no-bundled -l "$work/units")"
  ur_cont="$(container_rss "${db[@]}" -v "$work/units:/units:ro" "$image" "${units[@]}")"
  uj_cont="$(container_jvm_s "${db[@]}" -v "$work/units:/units:ro" "$image" "${units[@]}")"
fi

report() {
  python3 - "$@" <<'EOF'
import sys
a = list(map(float, sys.argv[1:]))
(size, load, first, first_max, first_host, v_host, v_host_min, v_cont, v_cont_min, v_diff, v_nocds, v_nocds_min, v_nocds_diff,
 m_host, m_host_min, m_cont, m_cont_min, m_diff, m_nocds, m_nocds_min, m_nocds_diff, r_host, r_cont, r_nocds) = a
def verdict(ok): return "within target" if ok else "OVER TARGET"
print(f"image tar                      {size:7.1f} MB   target <= 200 MB: {verdict(size <= 200)}")
print(f"podman load                    {load:7.2f} s    median")
print(f"first --version after load     {first:7.2f} s    median, max {first_max:.2f} s; target <= 1 s: {verdict(first <= 1.0)}")
print(f"  host --version right after     {first_host:7.2f} s    median (how busy the machine was meanwhile)")
print(f"                                  median     min   median difference to the host")
print(f"--version, host                {v_host:7.3f} s {v_host_min:7.3f} s")
print(f"--version, container           {v_cont:7.3f} s {v_cont_min:7.3f} s   {v_diff:+.3f} s")
print(f"--version, container, no cache {v_nocds:7.3f} s {v_nocds_min:7.3f} s   {v_nocds_diff:+.3f} s")
print(f"no-op migrate up, host         {m_host:7.3f} s {m_host_min:7.3f} s             peak RSS {r_host:4.0f} MB")
print(f"no-op migrate up, container    {m_cont:7.3f} s {m_cont_min:7.3f} s   {m_diff:+.3f} s   peak RSS {r_cont:4.0f} MB; target <= +0.3 s: {verdict(m_diff <= 0.3)}")
print(f"  ... container, no cache      {m_nocds:7.3f} s {m_nocds_min:7.3f} s   {m_nocds_diff:+.3f} s   peak RSS {r_nocds:4.0f} MB")
EOF
}
report_units() {
  python3 - "$@" <<'EOF'
import sys
peer_version = sys.argv[-1]
(peer, peer_min, host, host_min, cont, cont_min, r_peer, r_host, r_cont, jvm_cont) = map(float, sys.argv[1:-1])
def verdict(ok): return "within target" if ok else "OVER TARGET"
print(f"no-op over 200 applied units     median     min   x peer   peak RSS  x peer")
print(f"neo4j-migrations {peer_version}, host  {peer:7.3f} s {peer_min:7.3f} s   1.00   {r_peer:5.0f} MB   1.00")
print(f"statestore, host               {host:7.3f} s {host_min:7.3f} s   {host / peer:4.2f}   {r_host:5.0f} MB   {r_host / r_peer:4.2f}")
print(f"statestore, container          {cont:7.3f} s {cont_min:7.3f} s   {cont / peer:4.2f}   {r_cont:5.0f} MB   {r_cont / r_peer:4.2f}")
print(f"  ... its JVM inside (GNU time) {jvm_cont:7.3f} s             {jvm_cont / peer:4.2f}   (podman's create, start and removal: {cont - jvm_cont:+.3f} s)")
print(f"  target for the image: at most 0.3x the peer's time: the JVM in the container {verdict(jvm_cont / peer <= 0.3)}, "
      f"the whole podman run {verdict(cont / peer <= 0.3)}; at most 1.0x its peak RSS: {verdict(r_cont <= r_peer)}")
EOF
}

echo "== statestore image ($image, jlink base, Java $java_version, $cache_name) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $runs runs each"
echo "   host: $(java -version 2>&1 | head -n 1)"
layers "$tar_file"
report "$size_mb" "$load_s" "$first_s" "$first_max" "$first_host" "$v_host" "$v_host_min" "$v_cont" "$v_cont_min" "$v_diff" \
  "$v_nocds" "$v_nocds_min" "$v_nocds_diff" "$m_host" "$m_host_min" "$m_cont" "$m_cont_min" "$m_diff" \
  "$m_nocds" "$m_nocds_min" "$m_nocds_diff" "$r_host" "$r_cont" "$r_nocds"
if [ "$peer" = 1 ]; then
  report_units "$u_peer" "$u_peer_min" "$u_host" "$u_host_min" "$u_cont" "$u_cont_min" "$ur_peer" "$ur_host" "$ur_cont" "$uj_cont" "$peer_version"
else
  echo "(no $nm_home: the neo4j-migrations comparison needs the build's copy of its CLI)"
fi

if [ "$compare" = 1 ]; then
  kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  server_pid=""
  podman load -q -i "$tar_file" >/dev/null
  podman tag "$image" localhost/statestore-bench:jlink
  cp -f "$tar_file" "$work/jlink.tar"
  build_image -Dimage.base.variant=debian-jre
  alt="target/image/statestore-image-debian-jre.tar"
  cp -f "$tar_file" "$alt"
  alt_size=$(python3 -c "import os; print(f'{os.path.getsize(\"$alt\")/1e6:.1f}')")
  read -r alt_load alt_first alt_max alt_host < <(cold_starts "$alt" "$(image_of "$alt")" "$cold")
  podman load -q -i "$alt" >/dev/null
  podman tag "$(image_of "$alt")" localhost/statestore-bench:debian-jre
  timed bases "host=${host_java[*]} --version" \
    "jlink=${runner[*]} --network=none localhost/statestore-bench:jlink --version" \
    "debian-jre=${runner[*]} --network=none localhost/statestore-bench:debian-jre --version"
  read -r b_jlink b_jlink_min b_jlink_diff < <(figures bases jlink)
  read -r b_deb b_deb_min b_deb_diff < <(figures bases debian-jre)
  echo "== the same app on the mmdebstrap Debian JRE base (-Dimage.base.variant=debian-jre)"
  layers "$alt"
  echo "image tar                      $alt_size MB"
  echo "podman load                    $alt_load s    median"
  echo "first --version after load     $alt_first s    median, max $alt_max s (host right after: $alt_host s)"
  echo "--version, both bases interleaved with the host: median, min, median difference to the host"
  echo "  jlink base                   $b_jlink s  $b_jlink_min s  $b_jlink_diff s"
  echo "  debian-jre base              $b_deb s  $b_deb_min s  $b_deb_diff s"
  # Put the default image back.
  cp -f "$work/jlink.tar" "$tar_file"
fi
