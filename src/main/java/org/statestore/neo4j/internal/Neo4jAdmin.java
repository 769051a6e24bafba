package org.statestore.neo4j.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Neo4j's own admin tool ({@code neo4j-admin}), which ships inside the embedded server, run in-process on
 * a stopped store with an empty configuration of its own and its output captured, so it never prints
 * on statestore's streams.
 */
public final class Neo4jAdmin {

    /** One run's exit code and output. */
    public record Run(int code, String out, String err) {

        public boolean ok() {
            return code == 0;
        }

        /** The most specific error line the tool printed. */
        public String errorLine() {
            String specific = out.lines().filter(l -> l.contains(" ERROR ")).findFirst()
                    .map(l -> l.contains("] ") ? l.substring(l.indexOf("] ") + 2) : l)
                    .orElse(null);
            if (specific != null) {
                return specific.strip();
            }
            return err.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                    .orElse("exit code " + code);
        }
    }

    private final Path home;

    /** The tool working on the store whose home (data directory of the embedded server) is {@code home}. */
    public Neo4jAdmin(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    /** Runs {@code neo4j-admin args...}, e.g. {@code "database", "info", "neo4j"}. */
    public Run run(String... args) throws IOException {
        Path conf = Files.createTempDirectory("statestore-admin-conf-");
        try {
            Files.writeString(conf.resolve("neo4j.conf"), "");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = EngineLoader.engine().admin(home, conf, o, e, args);
            }
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            deleteTree(conf);
        }
    }

    /** Where a database's store files live under the home. */
    public Path databaseDir(String database) {
        return home.resolve("data").resolve("databases").resolve(database);
    }

    public Path home() {
        return home;
    }

    /** Deletes a directory tree, best effort (temporary and abandoned directories). */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
