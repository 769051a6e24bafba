package org.statestore.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real neo4j-migrations CLI (copied with its own driver into {@code target/neo4j-migrations-cli} at
 * build time), run as a separate JVM so its driver never meets ours on one class path.
 */
public final class Neo4jMigrationsCli {

    private static final Path HOME = Path.of("target", "neo4j-migrations-cli");
    private static final String MAIN = "ac.simons.neo4j.migrations.cli.MigrationsCli";

    private Neo4jMigrationsCli() {
    }

    /** Runs {@code neo4j-migrations <args>} against the shared test server; returns exit code and output. */
    public static CliRun run(Path location, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(HOME.toAbsolutePath() + "/*");
        command.add(MAIN);
        command.add("--address");
        command.add(TestNeo4j.get().boltUri().toString());
        command.add("--username");
        command.add("neo4j");
        command.add("--password");
        command.add("unused-auth-is-disabled");
        command.add("--location");
        command.add("file:" + location.toAbsolutePath());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("neo4j-migrations", ".out");
        Path err = Files.createTempFile("neo4j-migrations", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("neo4j-migrations did not finish in 120 s");
        }
        CliRun run = new CliRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return run;
    }

    public static boolean available() {
        return Files.isDirectory(HOME);
    }
}
