#!/usr/bin/env bash
# Benchmark: statestore backup create + restore of NODES nodes and RELS relationships against an embedded
# Neo4j 5.26 (served by `statestore server` in its own JVM), compared with a raw driver read/write loop
# of the same data. The client side runs with -Xmx256m to prove the heap bound.
#
#   bench/backup.sh                 # 1,000,000 nodes, 2,000,000 relationships
#   bench/backup.sh 100000 200000   # a smaller run
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nodes="${1:-1000000}"
rels="${2:-2000000}"
work="${BENCH_WORK_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/statestore-bench.XXXXXX")}"

(cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests package >&2)

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cp="$root/target/statestore.jar:$root/target/lib/*"
exec "$java_bin" -Xmx256m -XX:+UseSerialGC -cp "$cp" "$root/bench/BackupBench.java" \
  "$nodes" "$rels" "$work" "$root/target/statestore.jar"
