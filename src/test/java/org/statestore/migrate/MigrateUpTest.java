package org.statestore.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.internal.HistoryChain;
import org.statestore.testing.TestNeo4j;

@DisplayName("migrate up against a real Neo4j")
class MigrateUpTest {

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path units;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private Statestore open() {
        return Statestore.open(StatestoreConfig.builder().connection(neo4j.settings()).bundledUnits(false)
                .location(units).build());
    }

    private UpResult up(Optional<Version> target) {
        try (Statestore store = open()) {
            return store.migrateUp(target);
        }
    }

    private List<HistoryEntry> chain() {
        return new HistoryChain(neo4j.driver(), org.neo4j.driver.SessionConfig.forDatabase("neo4j")).read();
    }

    private void unit(String name, String text) throws IOException {
        Files.writeString(units.resolve(name), text);
    }

    @Test
    @DisplayName("applies pending units in version order and records each as success in the chain")
    void appliesInOrder() throws IOException {
        unit("V1__First.cypher", "CREATE (:Thing {n: 1});");
        unit("V0_10__Tenth.cypher", "CREATE (:Thing {n: 10});");
        unit("V0_9__Ninth.cypher", "CREATE (:Thing {n: 9});");

        UpResult result = up(Optional.empty());

        UpResult.Applied applied = assertInstanceOf(UpResult.Applied.class, result);
        assertEquals(List.of("0.9", "0.10", "1"), applied.applied().stream().map(a -> a.version().text()).toList());
        assertEquals(List.of("0.9", "0.10", "1"), chain().stream().map(HistoryEntry::version).toList());
        assertTrue(chain().stream().allMatch(e -> e.state() == EntryState.SUCCESS));
        assertEquals(3, neo4j.count("MATCH (t:Thing) RETURN count(t)"));
    }

    @Test
    @DisplayName("a second run applies nothing and writes nothing")
    void secondRunIsNoOp() throws IOException {
        unit("V1__First.cypher", "CREATE (:Thing);");
        up(Optional.empty());

        UpResult again = up(Optional.empty());

        assertInstanceOf(UpResult.UpToDate.class, again);
        assertEquals(1, chain().size());
        assertEquals(1, neo4j.count("MATCH (t:Thing) RETURN count(t)"));
    }

    @Test
    @DisplayName("keeps the chain in run order as new units are added across several runs")
    void chainOrderAcrossRuns() throws IOException {
        unit("V1__One.cypher", "CREATE (:Thing {n: 1});");
        up(Optional.empty());
        unit("V2__Two.cypher", "CREATE (:Thing {n: 2});");
        unit("V3__Three.cypher", "CREATE (:Thing {n: 3});");
        up(Optional.empty());
        unit("V4__Four.cypher", "CREATE (:Thing {n: 4});");
        up(Optional.empty());

        List<HistoryEntry> chain = chain();
        assertEquals(List.of("1", "2", "3", "4"), chain.stream().map(HistoryEntry::version).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), chain.stream().map(HistoryEntry::seq).toList());
        // The chain is linked root -> 1 -> 2 -> 3 -> 4, and HEAD points at the newest entry.
        assertEquals(4, neo4j.count("MATCH p = (:__StatestoreHistory)-[:NEXT*]->(e:__StatestoreEntry) "
                + "WHERE NOT (e)-[:NEXT]->() RETURN length(p)"));
        assertEquals("4", neo4j.query("MATCH (:__StatestoreHistory)-[:HEAD]->(e) RETURN e.version").get(0).get(0)
                .asString());
        assertEquals(1, neo4j.count("MATCH (r:__StatestoreHistory) RETURN count(r)"));
    }

    @Test
    @DisplayName("stops at --target and leaves later units pending")
    void targetStopsEarly() throws IOException {
        unit("V1__One.cypher", "CREATE (:Thing {n: 1});");
        unit("V2__Two.cypher", "CREATE (:Thing {n: 2});");
        unit("V3__Three.cypher", "CREATE (:Thing {n: 3});");

        UpResult.Applied applied = assertInstanceOf(UpResult.Applied.class, up(Optional.of(Version.parse("2"))));

        assertEquals(2, applied.applied().size());
        assertEquals(Optional.of(Version.parse("2")), applied.current());
        assertEquals(2, neo4j.count("MATCH (t:Thing) RETURN count(t)"));
        try (Statestore store = open()) {
            assertEquals(UnitState.PENDING, store.info().units().get(2).state());
        }
    }

    @Test
    @DisplayName("records a failing unit as failed with the statement index, rolls its transaction back, and stops")
    void failingUnit() throws IOException {
        unit("V1__One.cypher", "CREATE (:Thing {n: 1});");
        unit("V2__Broken.cypher", "CREATE (:Thing {n: 2});\nTHIS IS NOT CYPHER;");
        unit("V3__Three.cypher", "CREATE (:Thing {n: 3});");

        UpResult.UnitFailed failed = assertInstanceOf(UpResult.UnitFailed.class, up(Optional.empty()));

        assertEquals("2", failed.failed().version().text());
        assertEquals(2, failed.error().statementIndex());
        assertTrue(failed.error().code().contains("SyntaxError"), failed.error().code());
        assertEquals(1, neo4j.count("MATCH (t:Thing) RETURN count(t)"), "V2's first statement was rolled back");
        HistoryEntry entry = chain().get(1);
        assertEquals(EntryState.FAILED, entry.state());
        assertEquals(2, entry.error().orElseThrow().statementIndex());
        assertEquals(2, chain().size(), "V3 never started");
    }

    @Test
    @DisplayName("refuses to run past an unchanged failed unit, and retries it once the unit is fixed")
    void failedUnitBlocksUntilFixed() throws IOException {
        unit("V1__Broken.cypher", "THIS IS NOT CYPHER;");
        unit("V2__Two.cypher", "CREATE (:Thing {n: 2});");
        up(Optional.empty());

        UpResult.Blocked blocked = assertInstanceOf(UpResult.Blocked.class, up(Optional.empty()));
        assertEquals("1", blocked.blocker().version().text());
        assertEquals(1, chain().size(), "a blocked run writes nothing");

        unit("V1__Broken.cypher", "CREATE (:Thing {n: 1});");
        UpResult.Applied applied = assertInstanceOf(UpResult.Applied.class, up(Optional.empty()));
        assertEquals(List.of("1", "2"), applied.applied().stream().map(a -> a.version().text()).toList());
        assertEquals(List.of(EntryState.FAILED, EntryState.SUCCESS, EntryState.SUCCESS),
                chain().stream().map(HistoryEntry::state).toList());
    }

    @Test
    @DisplayName("runs a CALL { } IN TRANSACTIONS unit statement by statement in auto-commit transactions")
    void callInTransactionsUnit() throws IOException {
        unit("V1__Many.cypher", """
                UNWIND range(1, 2500) AS i CALL { WITH i CREATE (:Thing {n: i}) } IN TRANSACTIONS OF 1000 ROWS;
                MATCH (t:Thing) CALL { WITH t SET t.even = t.n % 2 = 0 } IN TRANSACTIONS OF 1000 ROWS;
                """);

        UpResult.Applied applied = assertInstanceOf(UpResult.Applied.class, up(Optional.empty()));

        assertEquals(TransactionMode.AUTO_COMMIT, applied.applied().get(0).mode());
        assertEquals(1250, neo4j.count("MATCH (t:Thing {even: true}) RETURN count(t)"));
        HistoryEntry entry = chain().get(0);
        assertEquals("auto-commit", entry.transactionMode());
        assertEquals(2, entry.statementsDone());
    }

    @Test
    @DisplayName("splits a unit that mixes schema commands and data writes into separate transactions")
    void schemaAndDataSplit() throws IOException {
        unit("V1__Mixed.cypher", """
                CREATE CONSTRAINT thing_n IF NOT EXISTS FOR (t:Thing) REQUIRE t.n IS UNIQUE;
                CREATE (:Thing {n: 1});
                CREATE INDEX thing_name IF NOT EXISTS FOR (t:Thing) ON (t.name);
                """);

        UpResult.Applied applied = assertInstanceOf(UpResult.Applied.class, up(Optional.empty()));

        assertEquals(TransactionMode.SPLIT, applied.applied().get(0).mode());
        assertEquals(List.of("thing_n"), neo4j.constraintNames());
        assertEquals(1, neo4j.count("SHOW INDEXES YIELD name WHERE name = 'thing_name' RETURN count(*)"));
        assertEquals(3, chain().get(0).statementsDone());
    }

    @Test
    @DisplayName("applies Java units in version order between Cypher units")
    void javaUnitApplied() throws IOException {
        unit("V0_1__Things.cypher", "CREATE (:Thing), (:Thing);");
        unit("V0_3__After.cypher", "MATCH (t:Thing {tagged: true}) CREATE (:Seen {n: 1});");
        UpResult result;
        try (Statestore store = Statestore.open(StatestoreConfig.builder().connection(neo4j.settings())
                .bundledUnits(false).location(units).javaUnit(new org.statestore.testunits.V0_2_0__Tag_things())
                .build())) {
            result = store.migrateUp(Optional.empty());
        }
        UpResult.Applied applied = assertInstanceOf(UpResult.Applied.class, result);
        assertEquals(List.of("0.1", "0.2.0", "0.3"), applied.applied().stream().map(a -> a.version().text()).toList());
        assertEquals(2, neo4j.count("MATCH (t:Thing {tagged: true}) RETURN count(t)"));
        assertEquals(2, neo4j.count("MATCH (s:Seen) RETURN count(s)"));
        assertEquals("JAVA", chain().get(1).type());
        assertEquals("unit-managed", chain().get(1).transactionMode());
    }

    @Test
    @DisplayName("records a Java unit's exception as a failure")
    void javaUnitFails() {
        UpResult result;
        try (Statestore store = Statestore.open(StatestoreConfig.builder().connection(neo4j.settings())
                .bundledUnits(false).javaUnit(new org.statestore.testunits.V9__Fails()).build())) {
            result = store.migrateUp(Optional.empty());
        }
        UpResult.UnitFailed failed = assertInstanceOf(UpResult.UnitFailed.class, result);
        assertEquals("this unit always fails", failed.error().message());
        assertEquals(EntryState.FAILED, chain().get(0).state());
    }

    @Test
    @DisplayName("creates no constraint or index for its own history")
    void historyNeedsNoSchema() throws IOException {
        unit("V1__One.cypher", "CREATE (:Thing);");
        up(Optional.empty());
        assertEquals(List.of(), neo4j.constraintNames());
        assertEquals(0, neo4j.count("SHOW INDEXES YIELD type WHERE type <> 'LOOKUP' RETURN count(*)"));
    }

    @Test
    @DisplayName("shows pending units with their local checksum and applied ones with both checksums")
    void infoStates() throws IOException {
        unit("V1__One.cypher", "CREATE (:Thing);");
        up(Optional.empty());
        unit("V2__Two.cypher", "CREATE (:Thing);");
        try (Statestore store = open()) {
            var info = store.info();
            assertEquals(List.of(UnitState.SUCCESS, UnitState.PENDING), info.units().stream().map(UnitStatus::state).toList());
            assertEquals(Optional.of(true), info.units().get(0).checksumMatches());
            assertTrue(info.units().get(1).local().orElseThrow().checksum().startsWith("v1:"));
        }
        unit("V1__One.cypher", "CREATE (:Thing {edited: true});");
        try (Statestore store = open()) {
            assertEquals(Optional.of(false), store.info().units().get(0).checksumMatches());
        }
    }

    @Test
    @DisplayName("a schema command behind query options applies in split mode: its index exists and its entry records split")
    void schemaBehindQueryOptions() throws IOException {
        unit("V1__Index.cypher", "CYPHER 5\n  CREATE INDEX thing_n IF NOT EXISTS FOR (t:Thing) ON (t.n);");
        unit("V2__Slotted_index.cypher",
                "cypher runtime=slotted CREATE INDEX thing_m IF NOT EXISTS FOR (t:Thing) ON (t.m);\nCREATE (:Thing {m: 1});");

        UpResult.Applied applied = assertInstanceOf(UpResult.Applied.class, up(Optional.empty()));

        assertEquals(List.of(TransactionMode.SPLIT, TransactionMode.SPLIT),
                applied.applied().stream().map(AppliedUnit::mode).toList());
        assertEquals(List.of("split", "split"), chain().stream().map(HistoryEntry::transactionMode).toList());
        assertEquals(2, neo4j.count("SHOW INDEXES YIELD name WHERE name IN ['thing_n', 'thing_m'] RETURN count(*)"));
        assertEquals(1, neo4j.count("MATCH (t:Thing) RETURN count(t)"));
    }

    @Test
    @DisplayName("when every statement ran but recording the unit's success failed, the error says so and names no statement")
    void recordingTheSuccessFails() throws IOException {
        // Inside its own transaction the unit forges a history root whose sequence is text, so the entry its success
        // record appends there is malformed and the record fails.
        unit("V1__Forges_the_root.cypher", "CREATE (:Thing);\nCREATE (:__StatestoreHistory {last_seq: 'forged'});");

        UpResult.UnitFailed failed = assertInstanceOf(UpResult.UnitFailed.class, up(Optional.empty()));

        assertEquals(0, failed.error().statementIndex(), failed.error().toString());
        assertTrue(failed.error().message().startsWith("all 2 statements ran, but recording the unit's success failed, "
                + "so the transaction they share with it rolled back: "), failed.error().message());
        assertEquals(0, neo4j.count("MATCH (t:Thing) RETURN count(t)"), "the one transaction rolled back");
        HistoryEntry entry = chain().get(0);
        assertEquals(EntryState.FAILED, entry.state());
        assertEquals(failed.error().message(), entry.error().orElseThrow().message());
    }
}
