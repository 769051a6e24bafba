#!/usr/bin/env bash
# Assembles the peer, the neo4j-migrations CLI, into DIR for bench/migrate.sh and bench/image.sh, and prints its
# version: the CLI and core jars of the newest release that resolves here (PEER_VERSION, default 2.19.2) from
# Maven Central, on the runtime the build copies for the import test (target/neo4j-migrations-cli: driver 5.28,
# Netty 4.1). The release's parent POM is not served here, so there is no transitive resolution.
#   bench/peer-cli.sh DIR      run from the repository root, after a build
set -euo pipefail
dir="$1"
version="${PEER_VERSION:-2.19.2}"
[ -d target/neo4j-migrations-cli ] || { echo "peer-cli: no target/neo4j-migrations-cli (build first)" >&2; exit 1; }
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
for a in neo4j-migrations-cli neo4j-migrations; do
  # Outside any project: there the missing parent POM is only a warning, and the jar is copied.
  (cd "$dir" && mvn -B -q -Dstyle.color=never dependency:copy -Dartifact="eu.michael-simons.neo4j:$a:$version" \
    -DoutputDirectory="$dir" >&2)
done
find target/neo4j-migrations-cli -name '*.jar' ! -name 'neo4j-migrations*' -exec cp {} "$dir/" \;
echo "$version"
