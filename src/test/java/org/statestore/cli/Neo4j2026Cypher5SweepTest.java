package org.statestore.cli;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Part of the longer version sweep ({@code mvn verify -Psoak}), beyond the two versions CI runs. */
@DisplayName("Neo4j 2026.08.1 with Cypher 5 as the default language, on Java 21+")
@EnabledIfSystemProperty(named = "statestore.test.sweep", matches = "true")
class Neo4j2026Cypher5SweepTest extends ServerVersionContract {

    @Override
    String version() {
        return "2026.08.1";
    }

    @Override
    Map<String, String> settings() {
        return Map.of("db.query.default_language", "CYPHER_5");
    }
}
