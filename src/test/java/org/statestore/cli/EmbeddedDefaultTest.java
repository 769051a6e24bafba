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
import org.statestore.neo4j.internal.EmbeddedServer;
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

    @Test
    @DisplayName("identity, database and backup commands without a URL refuse a new implicit store (exit 2, naming "
            + "NEO4J_URL, no directory created), use it once it exists, and take --data-dir as a deliberate choice")
    void operatorCommandsNeedAnExplicitTarget() throws Exception {
        Path implicit = dataDir.resolve("implicit");
        Map<String, String> env = Map.of("STATESTORE_DATA_DIR", implicit.toString());

        for (String[] args : List.of(new String[] {"identity", "add", "-t", "user", "-i", "bob", "-k", "a-key-of-bob"},
                new String[] {"identity", "list"}, new String[] {"database", "init"}, new String[] {"database", "check"},
                new String[] {"database", "migrate", "v03-to-v04"}, new String[] {"backup", "create", "--to",
                        dataDir.resolve("backups").toString()})) {
            CliRun run = CliRun.run(env, args);
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(1, run.err().lines().filter(l -> !l.startsWith("statestore: warning:")).count(), run.toString());
            assertTrue(run.err().contains("NEO4J_URL") && run.err().contains("--data-dir"), run.toString());
            assertTrue(!java.nio.file.Files.exists(implicit), "no store was created by " + String.join(" ", args));
        }

        Path chosen = dataDir.resolve("chosen");
        CliRun deliberate = CliRun.run(Map.of(), "identity", "add", "-t", "user", "-i", "bob", "--data-dir",
                chosen.toString(), "--key-file", keyFile().toString());
        assertEquals(0, deliberate.exitCode(), deliberate.toString());

        CliRun main = CliRun.run(env, "migrate", "up");
        assertEquals(0, main.exitCode(), "the README's main job still uses the implicit store: " + main);
        CliRun existing = CliRun.run(env, "identity", "list");
        assertEquals(0, existing.exitCode(), "an existing implicit store is used: " + existing);
    }

    @Test
    @DisplayName("with the image's STATESTORE_EMBEDDED_DEFAULT=off, even migrate up without a URL exits 2 naming "
            + "-e NEO4J_URL; --data-dir still works")
    void imageHasNoEmbeddedDefault() {
        Map<String, String> env = Map.of("STATESTORE_DATA_DIR", dataDir.resolve("data").toString(),
                "STATESTORE_EMBEDDED_DEFAULT", "off");

        CliRun up = CliRun.run(env, "migrate", "up");

        assertEquals(2, up.exitCode(), up.toString());
        assertTrue(up.err().contains("-e NEO4J_URL="), up.toString());
        assertTrue(!java.nio.file.Files.exists(dataDir.resolve("data")));
        CliRun local = CliRun.run(env, "migrate", "up", "--data-dir", dataDir.resolve("local").toString());
        assertEquals(0, local.exitCode(), local.toString());
    }

    private Path keyFile() throws java.io.IOException {
        return java.nio.file.Files.writeString(dataDir.resolve("bob.key"), "a-key-of-bob-1234\n");
    }
}
