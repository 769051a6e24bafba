#!/usr/bin/env bash
# The CLI on the newest JDK installed beside the default one (Temurin 25 on these machines) prints no JVM
# warning on stderr: bin/statestore's --version, and a migrate up on a fresh embedded store, twice (the second
# run maps the class-data-sharing archive the first recorded). Run by .ci/run after the Maven suite.
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
run "--version" --version
run "migrate up (records the CDS archive)" migrate up
run "migrate up again (maps it)" migrate up
exit "$failed"
