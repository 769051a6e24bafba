package org.statestore.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.statestore.backup.BackupHeader;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("backup create then restore reproduces a random graph exactly")
class BackupRoundTripTest {

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path backups;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 2024L, 77_777L, 987_654_321L})
    @DisplayName("every value type, label, self-loop, parallel relationship, constraint, index and the history chain "
            + "survive a round trip into a freshly reset database")
    void roundTrip(long seed) throws IOException {
        long[] written = new RandomGraph(seed).write(neo4j.driver());
        GraphSnapshot before = GraphSnapshot.of(neo4j.driver());
        assertEquals(written[0], before.nodes().size() - historyNodes(), "generator and snapshot agree on nodes");

        CliRun create = CliRun.run(neo4j.env(), "backup", "create", "--to", backups.toString());
        assertEquals(0, create.exitCode(), create::toString);
        Path file = onlyBackup();
        BackupHeader header = new BackupReader().readHeader(file);
        assertEquals(before.nodes().size(), header.counts().nodes());
        assertEquals(before.relationships().size(), header.counts().relationships());
        assertEquals(before.schema().size(), header.counts().constraints() + header.counts().indexes());
        assertTrue(header.historyHead().isPresent(), "the history head is recorded");

        neo4j.reset();
        CliRun restore = CliRun.run(neo4j.env(), "backup", "restore", file.toString());
        assertEquals(0, restore.exitCode(), restore::toString);

        GraphSnapshot after = GraphSnapshot.of(neo4j.driver());
        assertEquals(before.nodes(), after.nodes());
        assertEquals(before.relationships(), after.relationships());
        assertEquals(before.schema(), after.schema());
        assertEquals(0, neo4j.count("MATCH (m:" + BackupRestorer.MARKER_LABEL + ") RETURN count(m)"),
                "no restore marker is left behind");
        List<String> head = neo4j.query("MATCH (e:__StatestoreEntry) RETURN e.version AS v ORDER BY e.seq DESC LIMIT 1")
                .stream().map(r -> r.get("v").asString()).toList();
        assertEquals(List.of(header.historyHead().get().version()), head, "the history chain came along");
    }

    private long historyNodes() {
        return neo4j.count("MATCH (n) WHERE n:__StatestoreHistory OR n:__StatestoreEntry RETURN count(n)");
    }

    private Path onlyBackup() throws IOException {
        try (Stream<Path> files = Files.list(backups)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), () -> "one file in the backup directory: " + all);
            assertTrue(all.get(0).getFileName().toString().matches("neo4j-\\d{8}T\\d{6}Z\\.ssbak"), all::toString);
            return all.get(0);
        }
    }
}
