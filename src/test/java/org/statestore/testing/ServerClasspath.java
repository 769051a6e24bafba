package org.statestore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The jars of a Neo4j Community server of a given version, resolved from Maven Central by the same Maven
 * that runs the build ({@code src/test/servers/pom.xml}), and remembered under {@code target/neo4j-servers/}.
 */
final class ServerClasspath {

    private ServerClasspath() {
    }

    static List<Path> resolve(String version) {
        if (!version.matches("[0-9]+(\\.[0-9]+){1,3}")) {
            throw new IllegalArgumentException("not a Neo4j version: " + version);
        }
        Path base = Path.of(System.getProperty("user.dir"));
        Path file = base.resolve("target/neo4j-servers/" + version + ".classpath");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path partial = file.resolveSibling(version + ".classpath.partial");
                buildClasspath(base, version, partial);
                Files.move(partial, file);
            }
            return Arrays.stream(Files.readString(file, StandardCharsets.UTF_8).strip().split(":"))
                    .map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void buildClasspath(Path base, String version, Path out) throws IOException {
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-q", "-f",
                base.resolve("src/test/servers/pom.xml").toString(), "-Dneo4j.server.version=" + version,
                "dependency:build-classpath", "-Dmdep.outputFile=" + out));
        String repo = System.getProperty("statestore.maven.repo", "");
        if (!repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        Path log = out.resolveSibling(version + ".resolve.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("resolving Neo4j " + version + " took over 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving Neo4j " + version, e);
        }
        if (p.exitValue() != 0 || !Files.exists(out)) {
            throw new IllegalStateException("could not resolve Neo4j " + version + " from Maven Central: "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** The Maven running this build (surefire passes its home), else {@code mvn} on the PATH. */
    private static String maven() {
        String home = System.getProperty("statestore.maven.home", "");
        Path mvn = Path.of(home, "bin", "mvn");
        return !home.isBlank() && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
    }
}
