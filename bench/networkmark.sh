#!/usr/bin/env bash
# NetworkMark benchmark: the V0_4_0 unit against (a) hand-written CALL { } IN TRANSACTIONS Cypher and
# (b) alchemiscale's own pattern (every network in one transaction), on synthetic v0.3 stores.
#
#   bench/networkmark.sh [N ...]          default N: 100000
#
# Environment: BENCH_XMX (heap of each scenario's JVM, default 256m), BENCH_UPSTREAM_XMX (heap for the
# upstream scenario only, default BENCH_XMX: it needs far more), BENCH_BATCH (10000),
# BENCH_TRANSFORMATIONS / BENCH_TASKS (store density per network, default 2 / 1),
# BENCH_SCENARIOS (default "statestore cypher upstream"), BENCH_DIR (scratch space, default target/bench).
# Each N is seeded once (its own JVM); each scenario then runs in a fresh JVM on a copy of that store,
# so wall time and heap are measured per scenario. Results: one RESULT line per run, then a table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000)
xmx="${BENCH_XMX:-256m}"
upstream_xmx="${BENCH_UPSTREAM_XMX:-$xmx}"
batch="${BENCH_BATCH:-10000}"
transformations="${BENCH_TRANSFORMATIONS:-2}"
tasks="${BENCH_TASKS:-1}"
scenarios="${BENCH_SCENARIOS:-statestore cypher upstream}"
work="${BENCH_DIR:-$root/target/bench}"

echo "bench: building (mvn test-compile) ..." >&2
mvn -B -q -Dstyle.color=never -DskipTests test-compile >&2
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$root/target/bench-classpath.txt" >&2
# The embedded Neo4j is a provided dependency: its class path joins the runtime one, as in the tests.
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=provided \
    -Dmdep.outputFile="$root/target/bench-classpath-embedded.txt" >&2
cp="$root/target/classes:$root/target/test-classes:$(cat "$root/target/bench-classpath.txt"):$(cat "$root/target/bench-classpath-embedded.txt")"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
main=org.statestore.alchemiscale.NetworkMarkBench
results="$work/results.txt"
mkdir -p "$work"
: > "$results"

for n in "${sizes[@]}"; do
  seed="$work/seed-$n"
  if [ ! -f "$seed/.seeded-$transformations-$tasks" ]; then
    rm -rf "$seed"
    echo "bench: seeding $n networks ($transformations transformations x $tasks tasks each) ..." >&2
    "$java_bin" -Xmx2g -XX:+UseSerialGC -cp "$cp" "$main" seed "$seed" "$n" "$transformations" "$tasks" >&2
    touch "$seed/.seeded-$transformations-$tasks"
  fi
  for s in $scenarios; do
    copy="$work/run-$n-$s"
    rm -rf "$copy"
    cp -a "$seed" "$copy"
    heap="$xmx"
    [ "$s" = upstream ] && heap="$upstream_xmx"
    echo "bench: $s on $n networks (-Xmx$heap) ..." >&2
    log="$work/run-$n-$s.log"
    if ! "$java_bin" "-Xmx$heap" -XX:+UseSerialGC -cp "$cp" "$main" run "$s" "$copy" "$n" "$batch" > "$log" 2>&1; then
      why=failed
      grep -q 'dbms.memory.transaction.total.max' "$log" && why=transaction-memory-limit
      grep -q 'OutOfMemoryError' "$log" && why=OutOfMemoryError
      echo "RESULT scenario=$s networks=$n batch=$batch ms=- perSecond=- maxHeapMiB=$heap check=$why" | tee -a "$results"
      grep -m1 -E 'Exception|Error' "$log" | cut -c1-300 >&2
    else
      grep '^RESULT' "$work/run-$n-$s.log" | tee -a "$results"
    fi
    rm -rf "$copy"
  done
done

# The table: throughput relative to (a), the hand-written Cypher, per N.
awk '
  /^RESULT/ { delete v; for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
              key = v["networks"] SUBSEP v["scenario"]; rate[key] = v["perSecond"]; line[++k] = key
              ms[key] = v["ms"]; live[key] = ("peakLiveMiB" in v ? v["peakLiveMiB"] : "-")
              used[key] = ("peakUsedMiB" in v ? v["peakUsedMiB"] : "-"); chk[key] = v["check"]; xm[key] = v["maxHeapMiB"] }
  END {
    printf "%-10s %-11s %9s %10s %9s %10s %10s %10s %s\n", "networks", "scenario", "wall s", "per s", "vs (a)", "-Xmx", "live MiB", "peak MiB", "check"
    for (j = 1; j <= k; j++) { split(line[j], p, SUBSEP); a = rate[p[1] SUBSEP "cypher"]
      ratio = (a > 0 && rate[line[j]] != "-") ? sprintf("%.2fx", rate[line[j]] / a) : "-"
      printf "%-10s %-11s %9s %10s %9s %10s %10s %10s %s\n", p[1], p[2], (ms[line[j]] == "-" ? "-" : sprintf("%.1f", ms[line[j]] / 1000)),
             rate[line[j]], ratio, xm[line[j]], live[line[j]], used[line[j]], chk[line[j]] }
  }' "$results"
