#!/usr/bin/env bash
# Measures the init-container hot paths against a local server, whole process, JVM start included:
#   - no-op `migrate up` over 200 applied units (target <= 0.6 s)
#   - first apply of 200 one-statement units     (target <= 3.5 s)
# beside this machine's own baseline, an empty `java -version` start, and the real neo4j-migrations CLI on
# the same unit files, all measured in the same run against one warm server wiped between rounds.
# Usage: bench/migrate.sh [repetitions]   (default 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
reps="${1:-5}"
cd "$root"
[ -f target/statestore.jar ] || mvn -B -q -Dstyle.color=never -DskipTests package
work="$(mktemp -d)"
server_pid=""
stop_server() { [ -z "$server_pid" ] || { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; } || true; }
trap 'stop_server; rm -rf "$work"' EXIT

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

# A class-data-sharing archive from one training run, as bin/statestore and the image do. That run and
# three more untimed ones warm the server (its JIT and query caches), as a long-running server is warm.
java "${java_opts[@]}" -XX:ArchiveClassesAtExit="$cds" "${up[@]}" >/dev/null 2>&1 || true
cds_opts=("${java_opts[@]}")
[ -f "$cds" ] && cds_opts+=(-XX:SharedArchiveFile="$cds" -Xlog:disable)
for _ in 1 2 3; do wipe; java "${cds_opts[@]}" "${up[@]}" >/dev/null 2>&1; done

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

# The same two runs with the real neo4j-migrations CLI (2.17.3, copied into target/ by the build), for a
# comparison on this machine in this run: it reads the same V<version>__<name>.cypher files.
nm=(); nm_noop=()
nm_home="$root/target/neo4j-migrations-cli"
if [ -d "$nm_home" ]; then
  nm_cmd=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$nm_home/*" ac.simons.neo4j.migrations.cli.MigrationsCli
          --address "$NEO4J_URL" --username neo4j --password unused --location "file:$work/units")
  for r in $(seq 1 "$reps"); do
    wipe
    t0=$(now); "${nm_cmd[@]}" apply >/dev/null 2>"$work/nm.log" || { tail -3 "$work/nm.log" >&2; exit 1; }; t1=$(now); nm+=("$(seconds "$t0" "$t1")")
    t0=$(now); "${nm_cmd[@]}" apply >/dev/null 2>&1; t1=$(now); nm_noop+=("$(seconds "$t0" "$t1")")
  done
fi

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
if [ ${#nm[@]} -gt 0 ]; then
  m=$(printf '%s\n' "${nm[@]}" | median)
  mn=$(printf '%s\n' "${nm_noop[@]}" | median)
  printf '%-52s %8.3f %10.1f %8s\n' "neo4j-migrations 2.17.3: no-op apply, same units" "$mn" "$(python3 -c "print($mn/$b)")" "-"
  printf '%-52s %8.3f %10.1f %8s\n' "neo4j-migrations 2.17.3: first apply, same units" "$m" "$(python3 -c "print($m/$b)")" "-"
  printf '%-52s %8.2f %10.2f\n' "statestore / neo4j-migrations (no-op, first apply)" "$(python3 -c "print($n/$mn)")" "$(python3 -c "print($f/$m)")"
fi
