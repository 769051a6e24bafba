package org.statestore.neo4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ClientException;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.neo4j.Secret;

@DisplayName("The embedded store of a command")
class EmbeddedStoreAuthTest {

    private static LoginProbe.Outcome login(String url, org.neo4j.driver.AuthToken token) {
        return LoginProbe.attempt(url, token).outcome();
    }

    @Test
    @DisplayName("refuses a driver without credentials, neo4j/neo4j and the previous run's password, while the target's own driver works; LOAD CSV reads no local file")
    void perRunPassword(@TempDir Path dataDir, @TempDir Path files) throws Exception {
        Path csv = Files.writeString(files.resolve("secret.csv"), "a,b\n1,2\n");
        TargetConnector connector = new TargetConnector(m -> { });
        String firstPassword;
        try (Neo4jTarget target = connector.open(ConnectionSettings.embedded(dataDir))) {
            EmbeddedServer server = ((EmbeddedTarget) target).embedded();
            firstPassword = server.options().password().reveal();
            for (int i = 0; i < 4; i++) { // more than Neo4j's 3 failed logins that would lock the user
                assertEquals(LoginProbe.Outcome.REFUSED, login(server.boltUrl(), AuthTokens.none()));
                assertEquals(LoginProbe.Outcome.REFUSED, login(server.boltUrl(), AuthTokens.basic("neo4j", "neo4j")));
            }
            assertEquals(LoginProbe.Outcome.ACCEPTED, login(server.boltUrl(), AuthTokens.basic("neo4j", firstPassword)),
                    "failed guesses never lock the command out");
            try (Session session = target.session()) {
                assertEquals(1, session.run("RETURN 1 AS one").single().get("one").asInt());
                for (String url : List.of("file:///etc/hostname", csv.toUri().toString(), "file:///secret.csv")) {
                    ClientException refused = assertThrows(ClientException.class,
                            () -> session.run("LOAD CSV FROM $url AS row RETURN count(row)",
                                    java.util.Map.of("url", url)).consume(), url);
                    assertTrue(refused.getMessage().contains("allow_csv_import_from_file_urls"), refused.getMessage());
                }
            }
        }
        try (Neo4jTarget target = connector.open(ConnectionSettings.embedded(dataDir))) {
            EmbeddedServer server = ((EmbeddedTarget) target).embedded();
            assertFalse(server.options().password().reveal().equals(firstPassword), "a new password each run");
            assertEquals(LoginProbe.Outcome.REFUSED, login(server.boltUrl(), AuthTokens.basic("neo4j", firstPassword)));
            assertEquals(LoginProbe.Outcome.REFUSED, login(server.boltUrl(), AuthTokens.basic("neo4j", "neo4j")));
            try (Session session = target.session()) {
                assertEquals(1, session.run("RETURN 1 AS one").single().get("one").asInt());
            }
        }
        assertFalse(Files.exists(EmbeddedServer.authDir(dataDir).resolve(InitialPassword.FILE_NAME)),
                "no initial password file is left behind");
    }

    @Test
    @DisplayName("on a store that only ever ran without authentication, never accepts neo4j/neo4j, even tried every 20 ms from before the start")
    void defaultPasswordStore(@TempDir Path dataDir) throws Exception {
        EmbeddedServer.start(EmbeddedServer.Options.privateStore(dataDir)).close(); // user neo4j, password neo4j
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "bolt://127.0.0.1:" + port;
        Secret password = Secret.random(new java.security.SecureRandom());
        List<LoginProbe.Attempt> attempts;
        LoginProbe probe = LoginProbe.every(Duration.ofMillis(20), url, AuthTokens.basic("neo4j", "neo4j"));
        try (EmbeddedServer server = EmbeddedServer.start(new EmbeddedServer.Options(dataDir, "127.0.0.1", port,
                password, 32L * 1024 * 1024, EmbeddedServer.PasswordKind.PER_RUN))) {
            Thread.sleep(500);
            attempts = probe.stop();
            assertEquals(LoginProbe.Outcome.ACCEPTED, login(url, AuthTokens.basic("neo4j", password.reveal())));
        } finally {
            probe.stop();
        }
        assertTrue(attempts.stream().anyMatch(a -> a.outcome() == LoginProbe.Outcome.REFUSED),
                LoginProbe.summary(attempts));
        assertTrue(attempts.stream().allMatch(a -> a.outcome() == LoginProbe.Outcome.REFUSED
                || a.outcome() == LoginProbe.Outcome.UNREACHABLE), LoginProbe.summary(attempts));
    }

    @Test
    @DisplayName("a password for a command's store is 43 random URL-safe characters, never shown")
    void randomSecret() {
        Secret a = Secret.random(new java.security.SecureRandom());
        Secret b = Secret.random(new java.security.SecureRandom());
        assertTrue(a.reveal().matches("[A-Za-z0-9_-]{43}"), "shape");
        assertFalse(a.equals(b));
        assertEquals("******", a.toString());
    }
}
