package org.statestore.cli;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Neo4j 2026.08.1 (the newest calendar release), Cypher 25 as the default language, on Java 21+")
class Neo4jCalendarReleaseTest extends ServerVersionContract {

    @Override
    String version() {
        return "2026.08.1";
    }

    @Override
    Map<String, String> settings() {
        return Map.of("db.query.default_language", "CYPHER_25");
    }

    @Override
    boolean hasScopeClause() {
        return true;
    }

    @Override
    boolean knowsCypher25() {
        return true;
    }
}
