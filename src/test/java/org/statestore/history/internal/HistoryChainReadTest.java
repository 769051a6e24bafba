package org.statestore.history.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.SessionConfig;
import org.statestore.history.EntryError;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.RecordedRollback;
import org.statestore.testing.TestNeo4j;

@DisplayName("reading the history chain")
class HistoryChainReadTest {

    private final TestNeo4j neo4j = TestNeo4j.get();
    private final HistoryChain chain = new HistoryChain(neo4j.driver(), SessionConfig.forDatabase("neo4j"));

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private static NewEntry entry(int i) {
        return new NewEntry("0." + i, "entry " + i, "CYPHER", "v1:" + i, "V0_" + i + "__Entry.cypher", "tester@host",
                RecordedRollback.none(), "single");
    }

    @Test
    @DisplayName("a chain of 250 entries reads back in order, with every property, well under a second")
    void longChain() {
        neo4j.query("""
                CREATE (r:__StatestoreHistory {created_on: datetime(), last_seq: 250})
                WITH r
                UNWIND range(1, 250) AS s
                CREATE (e:__StatestoreEntry {seq: s, version: '0.' + s, description: 'entry ' + s, type: 'CYPHER',
                        checksum: 'v1:' + s, source: 'V0_' + s + '__Entry.cypher', installed_by: 'tester@host',
                        installed_on: datetime(), state: 'success', statements_done: 1, execution_time_ms: s,
                        rollback_kind: 'undo-script', rollback_statements: ['MATCH (t:T' + s + ') DELETE t']})
                WITH r, e ORDER BY e.seq
                WITH r, collect(e) AS es
                WITH r, es, es[0] AS first, es[size(es) - 1] AS last
                CREATE (r)-[:NEXT]->(first), (r)-[:HEAD]->(last)
                WITH es
                UNWIND range(0, size(es) - 2) AS i
                WITH es[i] AS a, es[i + 1] AS b
                CREATE (a)-[:NEXT]->(b)""");
        chain.read(); // warm the query plan, as every run after a server's first does

        long started = System.nanoTime();
        List<HistoryEntry> entries = chain.read();
        long ms = (System.nanoTime() - started) / 1_000_000;

        assertTrue(ms < 1_000, ms + " ms");
        assertEquals(250, entries.size());
        HistoryEntry last = entries.get(249);
        assertEquals(250, last.seq());
        assertEquals("0.250", last.version());
        assertEquals(EntryState.SUCCESS, last.state());
        assertEquals(java.time.Duration.ofMillis(250), last.executionTime().get());
        assertEquals(List.of("MATCH (t:T250) DELETE t"), last.rollback().statements());
        assertEquals(1, last.statementsDone());
    }

    @Test
    @DisplayName("entries written by statestore read back exactly as the writes returned them")
    void writesReadBack() {
        HistoryEntry begun = chain.begin(entry(1));
        HistoryEntry failed = chain.fail(begun.id(), java.time.Duration.ofMillis(12), 1,
                new EntryError("Neo.ClientError.Statement.SyntaxError", "bad", 2));
        HistoryEntry baseline = chain.recordBaseline(entry(2));

        assertEquals(List.of(failed, baseline), chain.read());
        assertEquals(EntryState.FAILED, chain.read().get(0).state());
        assertEquals(2, chain.read().get(0).error().get().statementIndex());
    }

    @Test
    @DisplayName("reads that overlap another process's appends never report a malformed chain")
    void readsDuringAppends() throws Exception {
        int appends = 150;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            HistoryChain other = new HistoryChain(neo4j.driver(), SessionConfig.forDatabase("neo4j"));
            for (int i = 1; i <= appends; i++) {
                HistoryEntry e = other.begin(entry(i));
                other.succeed(e.id(), java.time.Duration.ofMillis(1), 1);
            }
        });
        int reads = 0;
        int seen = 0;
        while (!writer.isDone()) {
            List<HistoryEntry> entries = chain.read();
            assertTrue(entries.size() >= seen, "the chain never shrinks");
            seen = entries.size();
            reads++;
        }
        writer.get(1, TimeUnit.MINUTES);
        assertEquals(appends, chain.read().size());
        assertTrue(reads > 10, reads + " reads overlapped the appends");
    }
}
