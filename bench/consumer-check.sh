#!/usr/bin/env bash
# Checks what an application that depends on statestore gets: the engine and the driver, never the
# embedded Neo4j server (org.neo4j:neo4j is provided), and that the engine runs without it.
# Not part of the test suite: it installs the artifact into the local Maven repository.
#   bench/consumer-check.sh            # offline (-o) once dependencies are cached
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never install -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>statestore-consumer</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>org.statestore</groupId>
      <artifactId>statestore</artifactId>
      <version>0.1.0-SNAPSHOT</version>
    </dependency>
  </dependencies>
</project>
POM
(cd "$work" && mvn -B -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:tree -DoutputFile=tree.txt >/dev/null)
cat "$work/tree.txt"
if grep -E 'org\.neo4j:neo4j:|org\.neo4j:neo4j-kernel|org\.neo4j:neo4j-dbms' "$work/tree.txt"; then
  echo "FAIL: the consumer gets the embedded Neo4j server" >&2
  exit 1
fi
grep -q 'org.neo4j.driver:neo4j-java-driver' "$work/tree.txt" || { echo "FAIL: no driver" >&2; exit 1; }
(cd "$work" && mvn -B -q -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=cp.txt >/dev/null)
cp="$(cat "$work/cp.txt")"
echo "--- statestore --version on the consumer's class path"
java -cp "$cp" org.statestore.cli.Main --version
echo "--- no URL on the consumer's class path: a clear error, not a stack trace"
set +e
NEO4J_URL= java -cp "$cp" org.statestore.cli.Main migrate info --no-bundled 2>&1
echo "exit $?"
set -e
if [ -n "${NEO4J_URL:-}" ]; then
  echo "--- remote run without the server jars against $NEO4J_URL"
  java -cp "$cp" org.statestore.cli.Main migrate info
fi
echo "OK: the consumer gets the engine and the driver, not the embedded server"
