package org.statestore.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("migrate up --backup-dir")
class MigrateUpBackupTest {

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path units;

    @TempDir
    Path backups;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(backups)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    @DisplayName("takes a backup before applying, names it in every applied entry's rollback note, and takes none when nothing is pending")
    void backupBeforeApplying() throws Exception {
        neo4j.query("CREATE (:Existing {n: 1})");
        Files.writeString(units.resolve("V1__One.cypher"), "CREATE (:Thing);");
        Files.writeString(units.resolve("V2__Two.cypher"), "CREATE (:Thing);");

        CliRun run = CliRun.run(neo4j.env(), "migrate", "up", "--no-bundled", "-l", units.toString(),
                "--backup-dir", backups.toString());
        assertEquals(0, run.exitCode(), run.toString());
        List<Path> taken = files();
        assertEquals(1, taken.size(), taken.toString());
        String file = taken.get(0).toAbsolutePath().toString();
        assertEquals(List.of(file, file), neo4j.query("MATCH (e:__StatestoreEntry) RETURN e.rollback_backup AS b ORDER BY e.seq")
                .stream().map(r -> r.get("b").asString()).toList());
        CliRun verify = CliRun.run(Map.of(), "backup", "verify", file);
        assertEquals(0, verify.exitCode(), verify.toString());
        assertTrue(CliRun.run(neo4j.env(), "migrate", "info", "--no-bundled", "-l", units.toString(), "-o", "json")
                .out().contains("(backup: " + file.replace("\\", "\\\\") + ")"));

        CliRun again = CliRun.run(Map.of("NEO4J_URL", neo4j.boltUri().toString(), "STATESTORE_BACKUP_DIR",
                backups.toString()), "migrate", "up", "--no-bundled", "-l", units.toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(1, files().size(), "a no-op run takes no backup");
    }
}
