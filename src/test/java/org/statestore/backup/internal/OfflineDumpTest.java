package org.statestore.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Session;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.statestore.neo4j.internal.EmbeddedServer;
import org.statestore.testing.CliRun;

@DisplayName("offline dumps in Neo4j's own format of an embedded store")
class OfflineDumpTest {

    @TempDir
    Path work;

    private static Driver driver(EmbeddedServer server) {
        return GraphDatabase.driver(server.boltUrl(), AuthTokens.none(), Config.builder().withLogging(Logging.none())
                .build());
    }

    private static GraphSnapshot snapshotOf(Path dataDir) {
        try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Options.privateStore(dataDir));
             Driver driver = driver(server)) {
            return GraphSnapshot.of(driver);
        }
    }

    @Test
    @DisplayName("a dump of a stopped store loads into a new data directory with identical content, Neo4j's own load "
            + "accepts it, and a store in use is refused (exit 11)")
    void dumpAndLoad() throws IOException {
        Path store = work.resolve("store");
        Path backups = work.resolve("backups");
        GraphSnapshot original;
        try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Options.privateStore(store));
             Driver driver = driver(server)) {
            try (Session s = driver.session()) {
                s.run("CREATE CONSTRAINT thing_id FOR (t:Thing) REQUIRE t.id IS UNIQUE").consume();
                s.run("CREATE TEXT INDEX thing_name FOR (t:Thing) ON (t.name)").consume();
                s.run("""
                        UNWIND range(1, 200) AS i
                        CREATE (t:Thing:`Odd Label` {id: i, name: 'thing ' + i, at: datetime('2025-01-01T00:00[Europe/Paris]'),
                                loc: point({longitude: 1.5, latitude: i / 10.0}), tags: ['a', 'b'], raw: [1.5, 2.5]})
                        """).consume();
                s.run("MATCH (a:Thing), (b:Thing) WHERE b.id = a.id + 1 OR b.id = a.id CREATE (a)-[:NEXT {d: duration('P1D')}]->(b)")
                        .consume();
            }
            original = GraphSnapshot.of(driver);

            CliRun inUse = CliRun.run(Map.of(), "backup", "create", "--offline", "--data-dir", store.toString(),
                    "--to", backups.toString());
            assertEquals(11, inUse.exitCode(), inUse::toString);
            assertTrue(inUse.err().contains("in use"), inUse::toString);
            assertFalse(Files.list(backups).anyMatch(p -> p.toString().endsWith(".dump")), "nothing was written");
        }

        CliRun dump = CliRun.run(Map.of(), "backup", "create", "--offline", "--data-dir", store.toString(),
                "--to", backups.toString());
        assertEquals(0, dump.exitCode(), dump::toString);
        Path file;
        try (Stream<Path> files = Files.list(backups)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all::toString);
            file = all.get(0);
        }
        assertTrue(file.getFileName().toString().matches("neo4j-\\d{8}T\\d{6}Z\\.dump"), file::toString);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)), "a dump holds every identity's hash: private");

        CliRun verify = CliRun.run(Map.of(), "backup", "verify", file.toString());
        assertEquals(0, verify.exitCode(), verify::toString);
        assertTrue(verify.out().contains("Neo4j ZSTD Dump"), verify::toString);

        Path restored = work.resolve("restored");
        CliRun load = CliRun.run(Map.of(), "backup", "restore", "--offline", file.toString(), "--data-dir",
                restored.toString());
        assertEquals(0, load.exitCode(), load::toString);
        assertEquals(original, snapshotOf(restored), "the loaded store holds exactly what was dumped");

        CliRun again = CliRun.run(Map.of(), "backup", "restore", "--offline", file.toString(), "--data-dir",
                restored.toString());
        assertEquals(11, again.exitCode(), "a store that holds the database is refused: " + again);

        // The file is what neo4j-admin writes: Neo4j's own load, run directly, takes it (the manual's recipe).
        Path manual = work.resolve("manual");
        Path from = Files.createDirectories(work.resolve("from"));
        Files.copy(file, from.resolve("neo4j.dump"));
        Path conf = Files.createDirectories(work.resolve("conf"));
        Files.writeString(conf.resolve("neo4j.conf"), "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
             DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            code = AdminTool.execute(new ExecutionContext(manual, conf, ps, ps, fs), "database", "load",
                    "--from-path=" + from, "neo4j");
        }
        assertEquals(0, code, () -> out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isDirectory(manual.resolve("data/databases/neo4j")), "Neo4j's load wrote the database");
    }
}
