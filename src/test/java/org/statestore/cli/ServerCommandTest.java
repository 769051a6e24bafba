package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ClientException;
import org.statestore.neo4j.internal.LoginProbe;
import org.statestore.testing.CliRun;
import org.statestore.testing.StatestoreProcess;

@DisplayName("statestore server")
class ServerCommandTest {

    /**
     * Server starts per timing test: each is a JVM and a fresh store, a few seconds; 4 in the default suite,
     * more with {@code -Dstatestore.test.starts=N} (the soak: {@code mvn verify -Psoak}).
     */
    private static final int FIRST_TRY_STARTS = Integer.getInteger("statestore.test.starts", 4);
    private static final int DEFAULT_LOGIN_STARTS = FIRST_TRY_STARTS;
    private static final String PASSWORD = "served-with-a-password";
    private static final Pattern SERVING = Pattern.compile("on (bolt://\\S+) ");

    @TempDir
    Path work;

    @Test
    @DisplayName("serves the embedded store over Bolt to a driver, reads no local file with LOAD CSV, and stops on SIGTERM")
    void servesBolt() throws Exception {
        Path csv = Files.writeString(work.resolve("private.csv"), "a,b\n1,2\n");
        StatestoreProcess server = server(work.resolve("store"), 0, false);
        try {
            String url = awaitServing(server);
            assertTrue(server.out().contains("without authentication"), server.out());
            try (Driver driver = GraphDatabase.driver(url, AuthTokens.none(),
                    org.neo4j.driver.Config.builder().withLogging(org.neo4j.driver.Logging.none()).build());
                 Session session = driver.session()) {
                session.run("CREATE (:Served {ok: true})").consume();
                assertEquals(1, session.run("MATCH (n:Served) RETURN count(n)").single().get(0).asLong());
                for (String file : List.of("file:///etc/hostname", csv.toUri().toString(), "file:///private.csv",
                        "file:///../private.csv")) {
                    ClientException refused = assertThrows(ClientException.class, () -> session.run(
                            "LOAD CSV FROM $url AS row RETURN row", Map.of("url", file)).list(), file);
                    assertTrue(refused.getMessage().contains("allow_csv_import_from_file_urls"), refused.getMessage());
                }
            }
            stop(server);
        } finally {
            server.process().destroyForcibly();
        }
    }

    @Test
    @DisplayName("with --password-file on a fresh store, the password works at the first try from the instant the port accepts a connection, every start")
    void passwordBeforePortOpens() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < FIRST_TRY_STARTS; i++) {
            firstTry(work.resolve("store-" + i)).ifPresent(failures::add);
        }
        assertEquals(List.of(), failures, FIRST_TRY_STARTS + " starts");
    }

    @Test
    @DisplayName("with --password-file on a store a command has used (so with another password), the password works at the first try from the instant the port accepts a connection, and again after a restart with the same password")
    void passwordBeforePortOpensOnExistingStore() throws Exception {
        Path store = work.resolve("store");
        CliRun command = CliRun.run(Map.of(), "migrate", "info", "--data-dir", store.toString());
        assertEquals(0, command.exitCode(), command.toString());
        assertEquals(java.util.Optional.empty(), firstTry(store), "after a command");
        assertEquals(java.util.Optional.empty(), firstTry(store), "restarted with the same password");
    }

    @Test
    @DisplayName("with --password-file, neo4j/neo4j is never accepted: a client trying it every 20 ms from before the start only gets authentication failures")
    void defaultLoginNeverAccepted() throws Exception {
        for (int i = 0; i < DEFAULT_LOGIN_STARTS; i++) {
            int port = freePort();
            String url = "bolt://127.0.0.1:" + port;
            LoginProbe probe = LoginProbe.every(Duration.ofMillis(20), url, AuthTokens.basic("neo4j", "neo4j"));
            List<LoginProbe.Attempt> attempts;
            StatestoreProcess server = server(work.resolve("store-" + i), port, true);
            try {
                awaitServing(server);
                Thread.sleep(300);
                attempts = probe.stop();
                stop(server);
            } finally {
                probe.stop();
                server.process().destroyForcibly();
            }
            String summary = "start " + i + ": " + LoginProbe.summary(attempts);
            assertTrue(attempts.stream().noneMatch(a -> a.outcome() == LoginProbe.Outcome.ACCEPTED
                    || a.outcome() == LoginProbe.Outcome.OTHER), summary);
            assertTrue(attempts.stream().anyMatch(a -> a.outcome() == LoginProbe.Outcome.REFUSED), summary);
        }
    }

    @Test
    @DisplayName("refuses to listen beyond loopback without a password")
    void refusesOpenListen() {
        CliRun run = CliRun.run(Map.of(), "server", "--listen", "0.0.0.0", "--data-dir", work.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertTrue(run.err().contains("--password-file"), run.err());
    }

    @Test
    @DisplayName("refuses a password shorter than Neo4j's 8 characters with exit 2, without printing it")
    void refusesShortPassword() throws Exception {
        Path file = Files.writeString(work.resolve("short"), "seven77\n");
        CliRun run = CliRun.run(Map.of(), "server", "--password-file", file.toString(), "--data-dir",
                work.resolve("store").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertTrue(run.err().contains("at least 8 characters"), run.err());
        assertFalse(run.err().contains("seven77"), run.err());
    }

    /** Starts a server with the password, waits for its port to accept TCP, logs in once; a failure's description. */
    private java.util.Optional<String> firstTry(Path store) throws Exception {
        int port = freePort();
        Driver driver = LoginProbe.driver("bolt://127.0.0.1:" + port, AuthTokens.basic("neo4j", PASSWORD));
        StatestoreProcess server = server(store, port, true);
        try {
            awaitPort(server, port);
            LoginProbe.Attempt first = LoginProbe.attempt(driver);
            stop(server);
            return first.outcome() == LoginProbe.Outcome.ACCEPTED ? java.util.Optional.empty()
                    : java.util.Optional.of(store.getFileName() + ": " + first);
        } finally {
            driver.closeAsync();
            server.process().destroyForcibly();
        }
    }

    private StatestoreProcess server(Path store, int port, boolean password) throws IOException {
        List<String> args = new ArrayList<>(List.of("server", "--data-dir", store.toString(), "--bolt-port",
                Integer.toString(port), "--page-cache", "16"));
        if (password) {
            Path file = work.resolve("password");
            if (!Files.exists(file)) {
                Files.writeString(file, PASSWORD + "\n");
            }
            args.addAll(List.of("--password-file", file.toString()));
        }
        return StatestoreProcess.start(work, Map.of(), args.toArray(String[]::new));
    }

    private static String awaitServing(StatestoreProcess server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(server.out());
            if (server.out().startsWith("serving") && m.find()) {
                return m.group(1);
            }
            if (!server.process().isAlive()) {
                throw new AssertionError("server ended: " + server.err());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("server did not start: " + server.err());
    }

    private static void awaitPort(StatestoreProcess server, int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!server.process().isAlive()) {
                    throw new AssertionError("server ended: " + server.err());
                }
                Thread.sleep(2);
            }
        }
        throw new AssertionError("port " + port + " never opened: " + server.err());
    }

    private static void stop(StatestoreProcess server) throws Exception {
        server.signal("TERM");
        assertEquals(143, server.exitCode(60), "server stops on SIGTERM: " + server.err());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
