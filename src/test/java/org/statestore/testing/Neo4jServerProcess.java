package org.statestore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * A Neo4j Community server of any released version, started as an operator would (its own JVM, its own
 * home directory, an initial password set with its admin tool before the first start), from the jars
 * Maven Central serves: the version tests drive statestore's commands against it over Bolt.
 */
public final class Neo4jServerProcess implements AutoCloseable {

    public static final String USER = "neo4j";
    public static final String PASSWORD = "version-test-pass";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String version;
    private final Path home;
    private final int port;
    private final Process process;
    private final Driver driver;

    private Neo4jServerProcess(String version, Path home, int port, Process process, Driver driver) {
        this.version = version;
        this.home = home;
        this.port = port;
        this.process = process;
        this.driver = driver;
    }

    /**
     * Starts {@code version} in {@code home} (created) with Bolt on a free loopback port, plus {@code settings}
     * in its neo4j.conf, and waits until its default database answers.
     */
    public static Neo4jServerProcess start(String version, Path home, Map<String, String> settings) {
        ServerRelease release = ServerRelease.of(version);
        List<Path> classpath = ServerClasspath.resolve(version);
        Path java = Jdks.javaFor(release);
        int port = freePort();
        try {
            Files.createDirectories(home.resolve("conf"));
            Map<String, String> conf = new LinkedHashMap<>(release.baseSettings(port));
            conf.putAll(settings);
            Files.writeString(home.resolve("conf/neo4j.conf"), conf.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
            String cp = classpath.stream().map(Path::toString).collect(Collectors.joining(":"));
            List<String> admin = new ArrayList<>(List.of(java.toString(), "-cp", cp, "org.neo4j.cli.AdminTool"));
            admin.addAll(release.setInitialPassword(PASSWORD));
            runToEnd(admin, home, "set-initial-password");

            List<String> server = new ArrayList<>(List.of(java.toString(), "-Xms256m", "-Xmx512m",
                    "-XX:+UseSerialGC"));
            server.addAll(release.jvmFlags());
            server.addAll(List.of("-cp", cp, entryPoint(classpath), "--home-dir=" + home,
                    "--config-dir=" + home.resolve("conf")));
            ProcessBuilder pb = new ProcessBuilder(server).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(home.resolve("console.log").toFile());
            neo4jEnvironment(pb, home);
            Process process = pb.start();
            Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + port, AuthTokens.basic(USER, PASSWORD),
                    Config.builder().withLogging(Logging.none()).build());
            Neo4jServerProcess started = new Neo4jServerProcess(version, home, port, process, driver);
            started.awaitReady();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run of a release's own admin tool: its exit code and everything it printed (stdout and stderr). */
    public record AdminRun(int exitCode, String output) {
    }

    /**
     * Runs {@code version}'s own {@code neo4j-admin} ({@code org.neo4j.cli.AdminTool}, in its own JVM from Maven
     * Central's jars) on the Neo4j home {@code home}, created with an empty neo4j.conf unless it has one, with
     * NEO4J_HOME and NEO4J_CONF set as the server's scripts set them: e.g. 5.x's {@code database load
     * --from-path=DIR neo4j --overwrite-destination=true}. Waits up to 120 s.
     */
    public static AdminRun admin(String version, Path home, String... args) {
        ServerRelease release = ServerRelease.of(version);
        String cp = ServerClasspath.resolve(version).stream().map(Path::toString).collect(Collectors.joining(":"));
        try {
            Files.createDirectories(home.resolve("conf"));
            if (!Files.exists(home.resolve("conf/neo4j.conf"))) {
                Files.writeString(home.resolve("conf/neo4j.conf"), "");
            }
            List<String> command = new ArrayList<>(List.of(Jdks.javaFor(release).toString(), "-cp", cp,
                    "org.neo4j.cli.AdminTool"));
            command.addAll(List.of(args));
            return runAdmin(command, home, "admin-" + args[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void neo4jEnvironment(ProcessBuilder pb, Path home) {
        pb.environment().put("NEO4J_HOME", home.toString());
        pb.environment().put("NEO4J_CONF", home.resolve("conf").toString());
    }

    public String version() {
        return version;
    }

    public String boltUrl() {
        return "bolt://127.0.0.1:" + port;
    }

    /** The environment an operator sets for statestore against this server. */
    public Map<String, String> env() {
        return Map.of("NEO4J_URL", boltUrl(), "NEO4J_USER", USER, "NEO4J_PASS", PASSWORD,
                "STATESTORE_LOG_FORMAT", "text");
    }

    /** A driver for assertions; do not close it. */
    public Driver driver() {
        return driver;
    }

    /** Deletes every node and relationship of the default database (indexes and constraints stay). */
    public void wipeData() {
        try (Session s = driver.session(SessionConfig.forDatabase("neo4j"))) {
            s.run("MATCH (n) DETACH DELETE n").consume();
        }
    }

    /** Drops every constraint and index of the default database, then deletes all data. */
    public void wipe() {
        wipeData();
        try (Session s = driver.session(SessionConfig.forDatabase("neo4j"))) {
            for (String c : s.run("SHOW CONSTRAINTS YIELD name RETURN name").list(r -> r.get(0).asString())) {
                s.run("DROP CONSTRAINT `" + c.replace("`", "``") + "`").consume();
            }
            for (String i : s.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")
                    .list(r -> r.get(0).asString())) {
                s.run("DROP INDEX `" + i.replace("`", "``") + "`").consume();
            }
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Neo4j " + version + " exited with " + process.exitValue()
                        + " while starting:\n" + logTail());
            }
            try (Session s = driver.session(SessionConfig.forDatabase("neo4j"))) {
                s.run("RETURN 1").consume();
                return;
            } catch (Neo4jException e) {
                if (Instant.now().isAfter(deadline)) {
                    close();
                    throw new IllegalStateException("Neo4j " + version + " did not answer within " + START_TIMEOUT
                            + ": " + e.getMessage() + "\n" + logTail());
                }
            }
            sleep(250);
        }
    }

    private String logTail() {
        StringBuilder sb = new StringBuilder();
        for (Path log : List.of(home.resolve("console.log"), home.resolve("logs/neo4j.log"))) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                sb.append("--- ").append(log.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                // not written (yet)
            }
        }
        return sb.toString();
    }

    /** Stops the server (SIGTERM, so it shuts down cleanly), killing it if it has not stopped in 30 s. */
    @Override
    public void close() {
        driver.close();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** 2025.x and later start from {@code Neo4jCommunity}; 4.x and 5.x from {@code CommunityEntryPoint}. */
    private static String entryPoint(List<Path> classpath) throws IOException {
        for (Path jar : classpath) {
            if (!jar.getFileName().toString().startsWith("neo4j-")) {
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                if (zip.getEntry("org/neo4j/server/Neo4jCommunity.class") != null) {
                    return "org.neo4j.server.Neo4jCommunity";
                }
                if (zip.getEntry("org/neo4j/server/CommunityEntryPoint.class") != null) {
                    return "org.neo4j.server.CommunityEntryPoint";
                }
            }
        }
        throw new IllegalStateException("no Neo4j Community entry point on the class path");
    }

    private static void runToEnd(List<String> command, Path home, String what) throws IOException {
        AdminRun run = runAdmin(command, home, what);
        if (run.exitCode() != 0) {
            throw new IllegalStateException(what + " exited with " + run.exitCode() + ": " + run.output());
        }
    }

    private static AdminRun runAdmin(List<String> command, Path home, String what) throws IOException {
        Path log = home.resolve(what + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        neo4jEnvironment(pb, home);
        try {
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish in 120 s");
            }
            return new AdminRun(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Neo4j", e);
        }
    }
}
