package org.statestore.cli;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.statestore.testing.TestedServers;

@DisplayName("Neo4j 5.18.1 (the version alchemiscale's manual names), Cypher 5, in its own JVM")
class Neo4j518Test extends ServerVersionContract {

    @Override
    String version() {
        return TestedServers.MANUAL;
    }

    @Override
    Map<String, String> settings() {
        return Map.of();
    }
}
