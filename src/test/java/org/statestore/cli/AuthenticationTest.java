package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.neo4j.Secret;
import org.statestore.neo4j.internal.EmbeddedServer;
import org.statestore.testing.CliRun;

@DisplayName("A server with authentication on")
class AuthenticationTest {

    private static final String PASSWORD = "correct-horse-battery";

    @TempDir
    static Path dataDir;

    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.start(new EmbeddedServer.Options(dataDir, "127.0.0.1", 0, Secret.of(PASSWORD),
                32L * 1024 * 1024));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, String> env(String password) {
        return Map.of("NEO4J_URL", server.boltUrl(), "NEO4J_USER", "neo4j", "NEO4J_PASS", password);
    }

    @Test
    @DisplayName("accepts the right password from NEO4J_PASS")
    void rightPassword() {
        CliRun run = CliRun.run(env(PASSWORD), "migrate", "info");
        assertEquals(0, run.exitCode(), run.toString());
    }

    @Test
    @DisplayName("accepts the right password from --password-file")
    void passwordFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        CliRun run = CliRun.run(Map.of("NEO4J_URL", server.boltUrl()), "migrate", "info", "--password-file",
                file.toString());
        assertEquals(0, run.exitCode(), run.toString());
    }

    @Test
    @DisplayName("a wrong password is exit 4 within 2 s, one line, and the password is never printed")
    void wrongPassword() {
        long start = System.nanoTime();
        CliRun run = CliRun.run(env("not-the-password"), "migrate", "up", "--wait-for-db", "30s");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(4, run.exitCode(), run.toString());
        assertTrue(ms < 2000, "took " + ms + " ms");
        assertEquals(1, run.err().lines().count(), run.toString());
        assertFalse(run.err().contains("not-the-password"), run.err());
        assertFalse(run.out().contains("not-the-password"), run.out());
    }

    @Test
    @DisplayName("a URL with a user name and password in it is exit 2, one line naming NEO4J_USER/NEO4J_PASS, and the password is never printed")
    void userInfoInUrl() {
        String port = server.boltUrl().substring(server.boltUrl().lastIndexOf(':') + 1);
        for (String url : new String[] {"bolt://neo4j:" + PASSWORD + "@127.0.0.1:" + port,
                "neo4j+s://admin:" + PASSWORD + "@db.example.org", "bolt://neo4j:" + PASSWORD + " x@127.0.0.1:" + port}) {
            CliRun fromEnv = CliRun.run(Map.of("NEO4J_URL", url), "migrate", "info");
            assertEquals(1, fromEnv.err().lines().count(), fromEnv.toString());
            for (CliRun run : new CliRun[] {fromEnv,
                    CliRun.run(Map.of(), "migrate", "info", "--url", url, "--output", "json")}) {
                assertEquals(2, run.exitCode(), run.toString());
                assertTrue(run.err().contains("NEO4J_USER and NEO4J_PASS"), run.toString());
                assertFalse(run.err().contains(PASSWORD) || run.out().contains(PASSWORD), run.toString());
                assertFalse(run.err().contains("target:"), "never connects: " + run);
            }
        }
    }
}
