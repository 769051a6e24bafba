package org.statestore.cli;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.statestore.testing.TestedServers;

@DisplayName("Neo4j 2026.08.1 (the newest calendar release), Cypher 25 as the default language, on Java 21+")
class Neo4jCalendarReleaseTest extends ServerVersionContract {

    @Override
    String version() {
        return TestedServers.NEWEST;
    }

    @Override
    Map<String, String> settings() {
        return Map.of("db.query.default_language", "CYPHER_25");
    }
}
