package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.statestore.neo4j.EmbeddedServer;
import org.statestore.testing.CliRun;

@DisplayName("The embedded default (no NEO4J_URL)")
class EmbeddedDefaultTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("migrate up applies the bundled constraints, a rerun applies nothing, and exactly alchemiscale's four constraints exist")
    void bundledUnitsOnEmbeddedStore() throws Exception {
        Map<String, String> env = Map.of("STATESTORE_DATA_DIR", dataDir.toString());

        CliRun first = CliRun.run(env, "migrate", "up");
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.err().contains("target: embedded Neo4j 5.26"), first.err());
        assertTrue(first.out().contains("applied 0.1.0 Constraints"), first.out());

        CliRun second = CliRun.run(env, "migrate", "up");
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("nothing to do"), second.out());

        CliRun info = CliRun.run(Map.of(), "migrate", "info", "--data-dir", dataDir.toString(), "--output", "json");
        JsonNode unit = new ObjectMapper().readTree(info.out()).get("units").get(0);
        assertEquals("0.1.0", unit.get("version").asText());
        assertEquals("success", unit.get("state").asText());
        assertEquals(unit.get("checksum").asText(), unit.get("recordedChecksum").asText());

        try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Options.privateStore(dataDir));
             Driver driver = GraphDatabase.driver(server.boltUrl(), AuthTokens.none(),
                     org.neo4j.driver.Config.builder().withLogging(org.neo4j.driver.Logging.none()).build())) {
            List<String> constraints = driver.session().run(
                    "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type "
                            + "RETURN name + ':' + labelsOrTypes[0] + '.' + properties[0] + ':' + type AS c ORDER BY c")
                    .list(r -> r.get("c").asString());
            assertEquals(List.of(
                    "compute_identifier:CredentialedComputeIdentity.identifier:UNIQUENESS",
                    "compute_service_registration_identifier:ComputeServiceRegistration.identifier:UNIQUENESS",
                    "scoped_key:GufeTokenizable._scoped_key:UNIQUENESS",
                    "user_identifier:CredentialedUserIdentity.identifier:UNIQUENESS"), constraints);
        }
    }
}
