package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.statestore.testing.CliRun;
import org.statestore.testing.Neo4jServerProcess;
import org.statestore.testing.SharedFixtures;
import org.statestore.testing.TestedServers;

/** Neo4j 4.4, where every alchemiscale v0.3 operator starts: one clear refusal, identity commands still work. */
@DisplayName("Neo4j 4.4.48 in its own JVM on Java 17")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Neo4j44Test {

    private Neo4jServerProcess server;

    @BeforeAll
    void startServer(@TempDir Path home) {
        server = Neo4jServerProcess.start(TestedServers.BELOW_FIVE, home, Map.of());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private CliRun run(String... args) {
        return CliRun.run(server.env(), args);
    }

    private void assertRefused(String command, CliRun run) {
        assertEquals(ExitCode.UNSUPPORTED_SERVER.code(), run.exitCode(), run.toString());
        assertEquals("", run.out(), "nothing on stdout: " + run);
        String error = run.err().lines().filter(l -> !l.startsWith("statestore: target: ")).reduce((a, b) -> a + "\n" + b)
                .orElse("");
        assertEquals(1, error.lines().count(), "one line after the target line: " + run);
        assertTrue(error.startsWith("statestore: Neo4j " + TestedServers.BELOW_FIVE + " is below 5.0, which " + command + " needs"), error);
        assertTrue(error.contains("neo4j-admin dump --database=neo4j") && error.contains("statestore upgrade store"),
                "names the way forward: " + error);
        assertFalse(run.err().contains("\tat "), run.toString());
    }

    @Test
    @DisplayName("migrate up, migrate info, database check and backup create each exit 12 with one line naming "
            + "4.4.48 and the way to Neo4j 5, and write nothing")
    void historyAndBackupCommandsAreRefused(@TempDir Path backups) {
        assertRefused("migrate up", run("migrate", "up"));
        assertRefused("migrate info", run("migrate", "info"));
        assertRefused("database check", run("database", "check"));
        assertRefused("backup create", run("backup", "create", "--to", backups.toString()));
        try (Session s = server.driver().session(SessionConfig.forDatabase("neo4j"))) {
            assertEquals(0, s.run("MATCH (n) WHERE any(l IN labels(n) WHERE l STARTS WITH '__Statestore') "
                    + "RETURN count(n)").single().get(0).asLong(), "no history or lease was written");
        }
        assertEquals(0, backups.toFile().list().length, "no backup file");
    }

    @Test
    @DisplayName("upgrade store --into the 4.4 server exits 12 right after connecting, naming --into and an empty "
            + "Neo4j 5; the dump is never loaded and no data directory is created")
    void upgradeIntoIsRefused(@TempDir Path work) throws IOException {
        Path dump = Files.copy(SharedFixtures.fixture("alchemiscale-v0.3-neo4j-4.4.dump"), work.resolve("old.dump"));
        Path dir = work.resolve("store");
        CliRun run = run("upgrade", "store", "--from-dump", dump.toString(), "--into", server.boltUrl(),
                "--data-dir", dir.toString());
        assertEquals(ExitCode.UNSUPPORTED_SERVER.code(), run.exitCode(), run.toString());
        assertTrue(run.err().contains("statestore: Neo4j " + TestedServers.BELOW_FIVE + " is below 5.0, which upgrade "
                + "store --into needs: start an empty Neo4j 5"), run.toString());
        assertFalse(run.err().contains("step: load dump"), run.toString());
        assertFalse(run.err().contains("\tat "), run.toString());
        assertFalse(Files.exists(dir), "no data directory");
    }

    @Test
    @DisplayName("identity add, verify and list work on 4.4, as alchemiscale v0.3 uses them")
    void identityCommandsWork() {
        assertEquals(0, run("identity", "add", "-t", "user", "-i", "bob", "-k", "bob-key-on-four").exitCode());
        CliRun verify = run("identity", "verify", "-t", "user", "-i", "bob", "-k", "bob-key-on-four");
        assertEquals(0, verify.exitCode(), verify.toString());
        CliRun list = run("identity", "list", "-t", "user");
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("bob"), list.out());
        try (Session s = server.driver().session(SessionConfig.forDatabase("neo4j"))) {
            assertEquals(1, s.run("MATCH (u:CredentialedUserIdentity {identifier: 'bob'}) RETURN count(u)").single()
                    .get(0).asLong());
        }
    }
}
