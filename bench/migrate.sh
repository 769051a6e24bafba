#!/usr/bin/env bash
# Measures the init-container hot paths side by side, in one run, whole process with JVM start, against one
# warm local server (figures in README "Speed"):
#   P1  no-op `migrate up` over 200 applied units     targets: <= 0.3x the peer's time, <= 1.0x its peak RSS
#   P2  first apply of 200 one-statement units         targets: <= 0.5x the peer, <= 1.1x the limit client;
#                                                      with --group <= 0.25x the peer
# for statestore as bin/statestore runs it (JDK 17 with its CDS archive, and the JDK 25 found under
# /usr/lib/jvm with its ahead-of-time cache), the peer (the neo4j-migrations CLI, newest release that resolves
# here: 2.19.2) and the limit client (bench/LimitClient.java: the unit's statement and its history record in ONE
# transaction per unit, nothing else; same JVM flags and a CDS archive). Every apply starts from a wiped
# database; the order of the tools rotates each round; medians of the rounds; peak RSS from /usr/bin/time.
# Before the timed rounds each tool applies and no-ops untimed, so the server is warm for all of them.
# Usage: bench/migrate.sh [rounds]   (default 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-5}"
cd "$root"
[ -f target/statestore.jar ] && [ -d target/neo4j-migrations-cli ] || mvn -B -q -Dstyle.color=never -DskipTests package
work="$(mktemp -d)"
server_pid=""
stop_server() { [ -z "$server_pid" ] || { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; } || true; }
trap 'stop_server; rm -rf "$work"' EXIT
say() { echo "bench: $*" >&2; }

# The newest JDK under /usr/lib/jvm (25 here), found by its release file.
jdk25="" feature=0
for home in /usr/lib/jvm/*/; do
  f="$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null | head -n 1 || true)"
  if [ -n "$f" ] && [ -x "$home/bin/java" ] && [ "$f" -gt "$feature" ]; then jdk25="${home%/}" feature="$f"; fi
done
[ "$feature" -ge 25 ] || { say "no JDK 25+ under /usr/lib/jvm"; exit 1; }

# The peer (bench/peer-cli.sh: the neo4j-migrations CLI of PEER_VERSION, default the newest that resolves here).
peer_version="$(bash bench/peer-cli.sh "$work/peer")"

# The limit client, compiled once against the driver statestore ships.
mkdir -p "$work/limit"
javac -nowarn -d "$work/limit" -cp "target/lib/*" bench/LimitClient.java
# A jar, not a directory: class-data sharing maps only jars on the class path.
jar --create --file "$work/limit.jar" -C "$work/limit" .

# One local server for the whole run, as in a cluster where the database outlives every rollout.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -jar target/statestore.jar server --data-dir "$work/data" --bolt-port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
export NEO4J_URL="bolt://127.0.0.1:$port" NEO4J_USER=neo4j NEO4J_PASS="" STATESTORE_LOG_FORMAT=text
for _ in $(seq 1 240); do grep -q "serving" "$work/server.log" && break; sleep 0.5; done
grep -q "serving" "$work/server.log" || { say "the server did not start"; exit 1; }

mkdir -p "$work/units"
for v in $(seq 1 200); do echo "CREATE (:Bench {v: $v});" > "$work/units/V${v}__Bench_$v.cypher"; done

flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
limit_cds="$work/limit.jsa"
# Each tool is a small script that execs its JVM, so /usr/bin/time measures that JVM's peak RSS.
mkdir -p "$work/bin"
tool() { local name="$1"; shift; printf '#!/usr/bin/env bash\nexec %s "$@"\n' "$*" > "$work/bin/$name"; chmod +x "$work/bin/$name"; }
units_args="migrate up --no-bundled -l $work/units"
tool ss17 "env JAVA_HOME= $root/bin/statestore $units_args"
tool ss25 "env JAVA_HOME=$jdk25 $root/bin/statestore $units_args"
tool ss25group "env JAVA_HOME=$jdk25 $root/bin/statestore $units_args --group"
tool peer "java ${flags[*]} -cp '$work/peer/*' ac.simons.neo4j.migrations.cli.MigrationsCli --address $NEO4J_URL" \
  "--username neo4j --password unused --location file:$work/units apply"
# -Xshare:on: an archive the JVM cannot map fails the bench rather than slowing the floor down unseen.
tool limit "java ${flags[*]} -XX:SharedArchiveFile=$limit_cds -Xshare:on -Xlog:disable -cp '$work/limit.jar:$root/target/lib/*'" \
  "LimitClient $NEO4J_URL neo4j '' $work/units"
wipe() { java "${flags[@]}" -jar target/statestore.jar database reset --yes >/dev/null 2>&1; }

# bin/statestore's archives and caches are trained on the first command after a build; the bench's own
# workload trains them here (its first apply, so the cache holds what applying needs as well as the no-op).
rm -f target/statestore-java*.jsa target/statestore-java*.aot target/statestore-java*.aotconf
# Training and warming, untimed: bin/statestore records its CDS archive (JDK 17) and its AOT training, then
# creates the cache (JDK 25); the limit client records its archive; four applies warm the server's JIT.
java "${flags[@]}" -XX:ArchiveClassesAtExit="$limit_cds" -Xlog:disable -cp "$work/limit.jar:$root/target/lib/*" LimitClient \
  "$NEO4J_URL" neo4j "" "$work/units" >/dev/null
for t in ss17 ss25 ss25 peer; do
  wipe; "$work/bin/$t" >/dev/null 2>&1 || { say "warm-up of $t failed"; "$work/bin/$t" >&2 || true; exit 1; }
done
# The server's JIT warms up for each tool's no-op queries too (a rollout's pods find a server that has served
# many): three untimed no-ops per tool, so the first timed round is not the one that compiles them.
for t in ss17 ss25 peer limit; do
  wipe; "$work/bin/$t" >/dev/null 2>&1
  for _ in 1 2 3; do "$work/bin/$t" >/dev/null 2>&1; done
done
group=yes
wipe; "$work/bin/ss25group" >/dev/null 2>&1 || { group=no; say "migrate up --group is not available: its row is left out"; }

tools=(ss17 ss25 peer limit)
[ "$group" = yes ] && tools+=(ss25group)
declare -A p1 p1m p2 p2m
# One timed run: seconds (wall, ms resolution) and peak RSS in MB, appended to the named lists.
measure() {
  local key="$1" kind="$2"; shift 2
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >"$work/out" 2>"$work/err" || { say "$key $kind failed:"; tail -5 "$work/err" >&2; exit 1; }
  t1=$(date +%s.%N)
  local s; s=$(python3 -c "print(f'{$t1 - $t0:.3f}')")
  local mb; mb=$(python3 -c "print(f'{$(tail -1 "$work/rss") / 1024:.0f}')")
  if [ "$kind" = first ]; then p2[$key]="${p2[$key]:-} $s"; p2m[$key]="${p2m[$key]:-} $mb"
  else p1[$key]="${p1[$key]:-} $s"; p1m[$key]="${p1m[$key]:-} $mb"; fi
}
for r in $(seq 1 "$rounds"); do
  n=${#tools[@]}
  for i in $(seq 0 $((n - 1))); do
    t=${tools[$(( (i + r) % n ))]}
    wipe
    measure "$t" first "$work/bin/$t"
    case "$t" in
      peer) ;;
      limit) grep -q "applied 200 units" "$work/out" || { say "limit client applied less than 200"; exit 1; } ;;
      *) grep -q "applied 200 " "$work/err" "$work/out" || { say "$t round $r did not apply all 200 units"; tail -3 "$work/err" >&2; exit 1; } ;;
    esac
    [ "$t" = ss25group ] || measure "$t" noop "$work/bin/$t"
  done
done

median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" $1; }
declare -A names=([ss17]="statestore, JDK 17 + CDS" [ss25]="statestore, JDK 25 + AOT cache" [ss25group]="statestore --group, JDK 25 + AOT"
       [peer]="neo4j-migrations $peer_version CLI" [limit]="limit client (1 tx per unit)")
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); JDK 17: $(java -version 2>&1 | head -1); JDK 25: $jdk25"
echo "medians of $rounds rounds, whole process; ratios to the peer (and for P2 to the limit client)"
echo
echo "| tool | P1 no-op s | P1 peak RSS MB | P2 first apply s | P2 peak RSS MB | P1 x peer | P1 RSS x peer | P2 x peer | P2 x limit |"
echo "|---|---|---|---|---|---|---|---|---|"
pn=$(median "${p1[peer]}"); pm=$(median "${p1m[peer]}"); pf=$(median "${p2[peer]}"); lf=$(median "${p2[limit]}")
for t in "${tools[@]}"; do
  a=$( [ -n "${p1[$t]:-}" ] && median "${p1[$t]}" || echo "")
  am=$( [ -n "${p1m[$t]:-}" ] && median "${p1m[$t]}" || echo "")
  b=$(median "${p2[$t]}"); bm=$(median "${p2m[$t]}")
  python3 - "$t" "${names[$t]}" "$a" "$am" "$b" "$bm" "$pn" "$pm" "$pf" "$lf" <<'PY'
import sys
t, name, a, am, b, bm, pn, pm, pf, lf = sys.argv[1:]
f = lambda x, d=3: (f"{float(x):.{d}f}" if x else "-")
r = lambda x, y: (f"{float(x) / float(y):.2f}" if x else "-")
print(f"| {name} | {f(a)} | {f(am, 0)} | {f(b)} | {f(bm, 0)} | {r(a, pn)} | {r(am, pm)} | {r(b, pf)} | {r(b, lf)} |")
PY
done
echo
# The targets on paired ratios: each round's statestore figure over the same round's peer (or limit) figure, the
# median of those. The tools of a round run back to back, so a machine that slows down between rounds (other
# tenants of a VM) moves both sides of a ratio alike; the table above shows the plain medians.
python3 - "${p1[ss25]}" "${p1m[ss25]}" "${p2[ss25]}" "${p1[peer]}" "${p1m[peer]}" "${p2[peer]}" "${p2[limit]}" \
  "$( [ "$group" = yes ] && echo "${p2[ss25group]}" || echo "")" <<'PY'
import statistics, sys
n, nm, f, pn, pm, pf, lf, g = ([float(x) for x in a.split()] for a in sys.argv[1:])
paired = lambda a, b: statistics.median(x / y for x, y in zip(a, b))
checks = [("P1 no-op time <= 0.3x peer", paired(n, pn), 0.3), ("P1 peak RSS <= 1.0x peer", paired(nm, pm), 1.0),
          ("P2 first apply <= 0.5x peer", paired(f, pf), 0.5), ("P2 first apply <= 1.1x limit", paired(f, lf), 1.1)]
if g:
    checks.append(("P2 with --group <= 0.25x peer", paired(g, pf), 0.25))
for name, value, target in checks:
    print(f"target {name} (statestore, JDK 25 + AOT; median of {len(n)} paired rounds): {value:.3f} "
          f"{'met' if value <= target else 'NOT met'}")
PY
