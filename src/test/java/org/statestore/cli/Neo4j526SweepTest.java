package org.statestore.cli;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Part of the longer version sweep ({@code mvn verify -Psoak}), beyond the two versions CI runs. */
@DisplayName("Neo4j 5.26.30 (the last 5.x, as the embedded store) in its own JVM")
@EnabledIfSystemProperty(named = "statestore.test.sweep", matches = "true")
class Neo4j526SweepTest extends ServerVersionContract {

    @Override
    String version() {
        return "5.26.30";
    }

    @Override
    Map<String, String> settings() {
        return Map.of();
    }
}
