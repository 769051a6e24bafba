#!/usr/bin/env bash
# The CLI on the newest JDK installed beside the default one (Temurin 25 on these machines) prints no JVM
# warning on stderr: bin/statestore's --version, and a migrate up on a fresh embedded store, twice (the second
# run maps the class-data-sharing archive the first recorded; on JDK 25 the AOT cache: recorded, created, mapped, and
# skipped silently once stale). Run by .ci/run after the Maven suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

newest="" newest_feature=0
for home in /usr/lib/jvm/*/; do
  feature="$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null | head -n 1 || true)"
  if [ -n "$feature" ] && [ -x "$home/bin/java" ] && [ "$feature" -gt "$newest_feature" ]; then
    newest="${home%/}" newest_feature="$feature"
  fi
done
if [ "$newest_feature" -lt 25 ]; then
  echo "no-jvm-warnings: no JDK 25+ under /usr/lib/jvm; skipped" >&2
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
run() {
  local name="$1"; shift
  if ! (cd "$work" && JAVA_HOME="$newest" STATESTORE_LOG_FORMAT=text "$root/bin/statestore" "$@" >"$work/out" 2>"$work/err"); then
    echo "no-jvm-warnings: FAIL $name exited non-zero:" >&2; cat "$work/err" >&2; failed=1; return
  fi
  if grep -v '^statestore: ' "$work/err" | grep -q .; then
    echo "no-jvm-warnings: FAIL $name on Java $newest_feature wrote to stderr:" >&2
    grep -v '^statestore: ' "$work/err" >&2; failed=1; return
  fi
  echo "no-jvm-warnings: ok   $name on Java $newest_feature ($newest)" >&2
}
rm -f "$root"/target/statestore-java"$newest_feature".aot "$root"/target/statestore-java"$newest_feature".aotconf
run "--version" --version
run "migrate up -o json (records its ahead-of-time training)" migrate up --output json
# The record run's VM must not print on stdout ("AOTConfiguration recorded: ..."): the JSON stays whole.
if ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/out" 2>/dev/null; then
  echo "no-jvm-warnings: FAIL the recording run's stdout is not one JSON document:" >&2; cat "$work/out" >&2; failed=1
fi
conf="$root/target/statestore-java$newest_feature.aotconf" cache="$root/target/statestore-java$newest_feature.aot"
[ -f "$conf" ] || { echo "no-jvm-warnings: FAIL the first migrate up recorded no $conf" >&2; failed=1; }
run "migrate up again (creates the AOT cache, then maps it)" migrate up
[ -f "$cache" ] && [ ! -f "$conf" ] || { echo "no-jvm-warnings: FAIL the second run left no $cache" >&2; failed=1; }
run "migrate up a third time (maps the cache)" migrate up
# AOTMode=on makes a cache that cannot be mapped fatal: exit 0 and a quiet stderr prove it is used as it is.
if ! "$newest/bin/java" --sun-misc-unsafe-memory-access=allow -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable \
    -XX:AOTMode=on -XX:AOTCache="$cache" -jar "$root/target/statestore.jar" --version >"$work/out" 2>"$work/err" \
    || [ -s "$work/err" ]; then
  echo "no-jvm-warnings: FAIL the AOT cache does not map (AOTMode=on):" >&2; cat "$work/err" >&2; failed=1
else
  echo "no-jvm-warnings: ok   the AOT cache maps with -XX:AOTMode=on" >&2
fi
# A cache from another build of the jar is skipped silently by the JVM (it checks the class path's jars), and
# bin/statestore, seeing the jar newer than the cache, records a new training.
sleep 1
touch "$root/target/statestore.jar"
if ! "$newest/bin/java" --sun-misc-unsafe-memory-access=allow -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable \
    -XX:AOTCache="$cache" -jar "$root/target/statestore.jar" --version >"$work/out" 2>"$work/err" || [ -s "$work/err" ]; then
  echo "no-jvm-warnings: FAIL a stale AOT cache printed or failed:" >&2; cat "$work/err" >&2; failed=1
else
  echo "no-jvm-warnings: ok   a stale AOT cache is skipped silently" >&2
fi
run "migrate up after the jar changed (trains again)" migrate up
[ -f "$conf" ] || { echo "no-jvm-warnings: FAIL no new training after the jar changed" >&2; failed=1; }
exit "$failed"
