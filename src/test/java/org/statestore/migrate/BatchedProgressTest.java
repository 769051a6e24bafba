package org.statestore.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.progress.ProgressSink;
import org.statestore.testing.TestNeo4j;

@DisplayName("a countable CALL { } IN TRANSACTIONS unit reports its rows as each batch commits")
class BatchedProgressTest {

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path units;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private UpResult up(ProgressSink sink) {
        try (Statestore store = Statestore.open(StatestoreConfig.builder().connection(neo4j.settings())
                .bundledUnits(false).location(units).progress(sink).build())) {
            return store.migrateUp(Optional.empty());
        }
    }

    @Test
    @DisplayName("the count store gives the total, status rows advance it batch by batch, and the unit's writes are "
            + "exactly those of the statement as written")
    void countsRows() throws IOException {
        neo4j.query("UNWIND range(1, 2500) AS i CREATE (:Thing {i: i})");
        Files.writeString(units.resolve("V1__Mark.cypher"),
                "MATCH (t:Thing)\nCALL { WITH t SET t.marked = true } IN TRANSACTIONS OF 500 ROWS;\n");
        Recorded sink = new Recorded();

        UpResult result = up(sink);

        assertInstanceOf(UpResult.Applied.class, result, result::toString);
        assertEquals(2500, neo4j.count("MATCH (t:Thing {marked: true}) RETURN count(t)"));
        assertEquals("start 1 Mark 2500", sink.events.get(0));
        assertEquals(2500, sink.events.stream().filter(e -> e.startsWith("advance ")).mapToLong(e -> Long.parseLong(
                e.substring(8))).sum());
        assertEquals("done", sink.events.get(sink.events.size() - 1));
    }

    @Test
    @DisplayName("a failing inner transaction fails the unit with its message; the batches before it stay committed")
    void innerFailure() throws IOException {
        neo4j.query("CREATE CONSTRAINT one_k IF NOT EXISTS FOR (x:K) REQUIRE x.k IS UNIQUE");
        neo4j.query("UNWIND range(1, 10) AS i CREATE (:Src {i: i})");
        Files.writeString(units.resolve("V1__Copy.cypher"),
                "MATCH (s:Src)\nCALL { WITH s CREATE (:K {k: s.i % 7}) } IN TRANSACTIONS OF 3 ROWS;\n");

        UpResult result = up(new Recorded());

        UpResult.UnitFailed failed = assertInstanceOf(UpResult.UnitFailed.class, result, result::toString);
        assertTrue(failed.error().message().contains("already exists with label `K`"), failed.error().toString());
        assertTrue(neo4j.count("MATCH (k:K) RETURN count(k)") >= 3, "the first batch committed");
        neo4j.query("DROP CONSTRAINT one_k");
    }

    /** Keeps what it was told. */
    private static final class Recorded implements ProgressSink {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void start(String task, long total) {
            events.add("start " + task + " " + total);
        }

        @Override
        public synchronized void advance(long n) {
            events.add("advance " + n);
        }

        @Override
        public synchronized void done() {
            events.add("done");
        }
    }
}
