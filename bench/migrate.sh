#!/usr/bin/env bash
# Measures the init-container hot paths against a local server, whole process, JVM start included:
#   - no-op `migrate up` over 200 applied units (target <= 0.6 s)
#   - first apply of 200 one-statement units     (target <= 3.5 s)
# beside this machine's own baseline, an empty `java -version` start, measured in the same run.
# Usage: bench/migrate.sh [repetitions]   (default 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
reps="${1:-5}"
cd "$root"
[ -f target/statestore.jar ] || mvn -B -q -Dstyle.color=never -DskipTests package
work="$(mktemp -d)"
server_pid=""
trap '[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

java_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
cds="$work/statestore.jsa"

# One local server for the whole run, as in a cluster where the database outlives every rollout.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -jar target/statestore.jar server --data-dir "$work/data" --bolt-port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
export NEO4J_URL="bolt://127.0.0.1:$port" NEO4J_USER=neo4j NEO4J_PASS="" STATESTORE_LOG_FORMAT=text
for _ in $(seq 1 240); do grep -q "serving" "$work/server.log" && break; sleep 0.5; done
grep -q "serving" "$work/server.log" || { echo "bench: the server did not start" >&2; exit 1; }

now() { date +%s.%N; }
seconds() { python3 -c "print(f'{$2 - $1:.3f}')"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
wipe() { java "${java_opts[@]}" -jar target/statestore.jar database reset --yes >/dev/null 2>&1; }

# 200 one-statement units.
mkdir -p "$work/units"
for v in $(seq 1 200); do echo "CREATE (:Bench {v: $v});" > "$work/units/V${v}__Bench_$v.cypher"; done
up=(-jar target/statestore.jar migrate up --no-bundled -l "$work/units")

# A class-data-sharing archive from one training run, as bin/statestore and the image do; the same run
# warms the server's query caches the way earlier rollouts would have.
java "${java_opts[@]}" -XX:ArchiveClassesAtExit="$cds" "${up[@]}" >/dev/null 2>&1 || true
cds_opts=("${java_opts[@]}")
[ -f "$cds" ] && cds_opts+=(-XX:SharedArchiveFile="$cds" -Xlog:disable)

baseline=(); first=(); noop=(); noop_nocds=()
for r in $(seq 1 "$reps"); do
  wipe
  t0=$(now); java -Xshare:auto -version >/dev/null 2>&1; t1=$(now); baseline+=("$(seconds "$t0" "$t1")")
  t0=$(now); java "${cds_opts[@]}" "${up[@]}" >/dev/null 2>"$work/first$r.log" || { tail -5 "$work/first$r.log" >&2; exit 1; }; t1=$(now)
  first+=("$(seconds "$t0" "$t1")")
  grep -q "applied 200 " "$work/first$r.log" || { echo "bench: round $r did not apply all 200 units" >&2; exit 1; }
  t0=$(now); java "${cds_opts[@]}" "${up[@]}" >/dev/null 2>&1; t1=$(now)
  noop+=("$(seconds "$t0" "$t1")")
  t0=$(now); java "${java_opts[@]}" "${up[@]}" >/dev/null 2>&1; t1=$(now)
  noop_nocds+=("$(seconds "$t0" "$t1")")
done

b=$(printf '%s\n' "${baseline[@]}" | median)
f=$(printf '%s\n' "${first[@]}" | median)
n=$(printf '%s\n' "${noop[@]}" | median)
nn=$(printf '%s\n' "${noop_nocds[@]}" | median)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
printf '%-52s %8s %10s %8s\n' "measurement (median of $reps, whole process)" "seconds" "x baseline" "target"
printf '%-52s %8.3f %10s %8s\n' "baseline: java -version" "$b" "1.0" "-"
printf '%-52s %8.3f %10.1f %8s\n' "no-op migrate up, 200 applied units (CDS)" "$n" "$(python3 -c "print($n/$b)")" "0.6"
printf '%-52s %8.3f %10.1f %8s\n' "no-op migrate up, 200 applied units (no CDS)" "$nn" "$(python3 -c "print($nn/$b)")" "-"
printf '%-52s %8.3f %10.1f %8s\n' "first apply of 200 one-statement units (CDS)" "$f" "$(python3 -c "print($f/$b)")" "3.5"
printf '%-52s %8.1f\n' "  per unit (ms)" "$(python3 -c "print($f/200*1000)")"
