package org.statestore.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.statestore.InfoReport;
import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.internal.HistoryChain;
import org.statestore.testing.TestNeo4j;
import org.statestore.testunits.V0_2_0__Tag_things;

/**
 * Single-transaction units as one transaction each (statements, entry and fence commit together), and
 * {@code migrate up --group}. A unit is held mid-run by a gate: the test write-locks a {@code (:Gate)} node in a
 * transaction of its own, and the unit's first statement writes the same node, so it waits until the test lets go.
 */
@DisplayName("Single-transaction units and --group")
class OneTransactionTest {

    private static final String GATED = "MATCH (g:Gate) SET g.passed = true;\n";

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path units;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
        neo4j.query("CREATE (:Gate)");
    }

    private Statestore open(StopSignal stop) {
        return Statestore.open(StatestoreConfig.builder().connection(neo4j.settings()).bundledUnits(false)
                .location(units).stopSignal(stop).build());
    }

    private UpResult up(UpOptions options) {
        try (Statestore store = open(new StopSignal())) {
            return store.migrateUp(Optional.empty(), options);
        }
    }

    private List<HistoryEntry> chain() {
        return new HistoryChain(neo4j.driver(), SessionConfig.forDatabase("neo4j")).read();
    }

    private void unit(String name, String text) throws IOException {
        Files.writeString(units.resolve(name), text);
    }

    private long things() {
        return neo4j.count("MATCH (t:Thing) RETURN count(t)");
    }

    /** A write lock on the gate, held until closed: gated units wait at their first statement meanwhile. */
    private static final class Gate implements AutoCloseable {
        private final Session session;
        private final Transaction tx;

        Gate(TestNeo4j neo4j) {
            session = neo4j.driver().session();
            tx = session.beginTransaction();
            tx.run("MATCH (g:Gate) SET g.closed = true").consume();
        }

        @Override
        public void close() {
            tx.rollback();
            session.close();
        }
    }

    /** Reads info until {@code until} holds of it (at most 60 s). */
    private InfoReport infoOnce(Predicate<InfoReport> until) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        try (Statestore reader = open(new StopSignal())) {
            while (true) {
                InfoReport info = reader.info();
                if (until.test(info)) {
                    return info;
                }
                assertTrue(System.currentTimeMillis() < deadline, "info never showed it: " + info.units());
                Thread.sleep(50);
            }
        }
    }

    private static List<UnitState> states(InfoReport info) {
        return info.units().stream().map(UnitStatus::state).toList();
    }

    @Test
    @DisplayName("a single-transaction unit writes nothing before it commits; meanwhile info shows it running, held by "
            + "the lease's holder, and then one success entry holds its statement count")
    void nothingBeforeTheCommit() throws Exception {
        unit("V1__Gated.cypher", GATED + "CREATE (:Thing);");
        unit("V2__After.cypher", "CREATE (:Thing);");
        CompletableFuture<UpResult> run;
        try (Gate gate = new Gate(neo4j)) {
            run = CompletableFuture.supplyAsync(() -> up(UpOptions.DEFAULTS));
            InfoReport info = infoOnce(i -> i.units().get(0).state() == UnitState.RUNNING);
            assertEquals(List.of(UnitState.RUNNING, UnitState.PENDING), states(info));
            assertEquals("migrate up", info.lease().orElseThrow().holder().command());
            assertEquals(List.of(Version.parse("1")), info.readiness().running(), "migrate status says so too");
            assertEquals(0, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"), "no running record");
        }
        assertInstanceOf(UpResult.Applied.class, run.get(60, TimeUnit.SECONDS));
        List<HistoryEntry> chain = chain();
        assertEquals(List.of(EntryState.SUCCESS, EntryState.SUCCESS), chain.stream().map(HistoryEntry::state).toList());
        assertEquals(2, chain.get(0).statementsDone());
        assertTrue(chain.get(0).executionTime().orElseThrow().toMillis() >= 0);
        assertTrue(!chain.get(0).installedOn().isAfter(chain.get(1).installedOn()), "dated from the run's start");
        assertEquals(2, things());
        assertEquals(List.of(UnitState.SUCCESS, UnitState.SUCCESS), states(infoOnce(i -> true)));
    }

    @Test
    @DisplayName("a single-transaction unit stopped mid-way rolls back and leaves no entry; the next run applies it")
    void stoppedLeavesNoEntry() throws Exception {
        unit("V1__Gated.cypher", GATED + "CREATE (:Thing);");
        StopSignal stop = new StopSignal();
        CompletableFuture<UpResult> run;
        try (Gate gate = new Gate(neo4j)) {
            run = CompletableFuture.supplyAsync(() -> {
                try (Statestore store = open(stop)) {
                    return store.migrateUp(Optional.empty());
                }
            });
            infoOnce(i -> i.units().get(0).state() == UnitState.RUNNING);
            stop.request();
        }
        UpResult.Interrupted stopped = assertInstanceOf(UpResult.Interrupted.class, run.get(60, TimeUnit.SECONDS));
        assertEquals("1", stopped.during().orElseThrow().version().text());
        assertEquals(List.of(), chain(), "no entry");
        assertEquals(0, neo4j.count("MATCH (g:Gate {passed: true}) RETURN count(g)"), "its first statement rolled back");
        assertEquals(List.of(UnitState.PENDING), states(infoOnce(i -> true)), "the lease was released");

        assertInstanceOf(UpResult.Applied.class, up(UpOptions.DEFAULTS));
        assertEquals(List.of(EntryState.SUCCESS), chain().stream().map(HistoryEntry::state).toList());
        assertEquals(1, things());
    }

    @Test
    @DisplayName("--group applies three units in one transaction, each with its own success entry in chain order")
    void groupApplies() throws IOException {
        unit("V1__One.cypher", "CREATE (:Thing {n: 1});");
        unit("V2__Two.cypher", "CREATE (:Thing {n: 2});");
        unit("V3__Three.cypher", "MATCH (t:Thing) SET t.seen = true;");

        UpResult.Applied applied = assertInstanceOf(UpResult.Applied.class, up(UpOptions.DEFAULTS.grouped()));

        assertEquals(List.of("1", "2", "3"), applied.applied().stream().map(a -> a.version().text()).toList());
        assertEquals(Optional.of(Version.parse("3")), applied.current());
        List<HistoryEntry> chain = chain();
        assertEquals(List.of("1", "2", "3"), chain.stream().map(HistoryEntry::version).toList());
        assertEquals(List.of(1L, 2L, 3L), chain.stream().map(HistoryEntry::seq).toList());
        assertTrue(chain.stream().allMatch(e -> e.state() == EntryState.SUCCESS && e.statementsDone() == 1));
        assertEquals(2, neo4j.count("MATCH (t:Thing {seen: true}) RETURN count(t)"), "each unit saw the ones before");
    }

    @Test
    @DisplayName("--group after an earlier run appends a skipped and an applied entry behind the chain's head, in order")
    void groupAppendsBehindTheHead() throws IOException {
        unit("V1__One.cypher", "CREATE (:Thing {n: 1});");
        assertInstanceOf(UpResult.Applied.class, up(UpOptions.DEFAULTS));
        unit("V2__Old_server_only.cypher", "// skip-unless: neo4j < 5.0\nCREATE (:Thing {n: 2});");
        unit("V3__Three.cypher", "CREATE (:Thing {n: 3});");

        assertInstanceOf(UpResult.Applied.class, up(UpOptions.DEFAULTS.grouped()));

        List<HistoryEntry> chain = chain();
        assertEquals(List.of("1", "2", "3"), chain.stream().map(HistoryEntry::version).toList());
        assertEquals(List.of(1L, 2L, 3L), chain.stream().map(HistoryEntry::seq).toList());
        assertEquals(List.of(EntryState.SUCCESS, EntryState.SKIPPED, EntryState.SUCCESS),
                chain.stream().map(HistoryEntry::state).toList());
        assertEquals(1, neo4j.count("MATCH (:__StatestoreHistory)-[:HEAD]->(e:__StatestoreEntry {version: '3'}) "
                + "RETURN count(e)"), "the head is the last entry");
        assertEquals(2, things());
    }

    @Test
    @DisplayName("--group with a failing third unit leaves none of the three applied and no entry at all")
    void groupAllOrNothing() throws IOException {
        unit("V1__One.cypher", "CREATE (:Thing {n: 1});");
        unit("V2__Two.cypher", "CREATE (:Thing {n: 2});");
        unit("V3__Broken.cypher", "CREATE (:Thing {n: 3});\nTHIS IS NOT CYPHER;");

        UpResult.UnitFailed failed = assertInstanceOf(UpResult.UnitFailed.class, up(UpOptions.DEFAULTS.grouped()));

        assertEquals("3", failed.failed().version().text());
        assertEquals(2, failed.error().statementIndex());
        assertTrue(failed.error().message().contains("the group's transaction rolled back: none of its 3 units was "
                + "applied or recorded"), failed.error().message());
        assertEquals(List.of(), failed.applied());
        assertEquals(0, things());
        assertEquals(0, neo4j.count("MATCH (n) WHERE n:__StatestoreEntry OR n:__StatestoreHistory RETURN count(n)"));

        unit("V3__Broken.cypher", "CREATE (:Thing {n: 3});");
        assertInstanceOf(UpResult.Applied.class, up(UpOptions.DEFAULTS.grouped()));
        assertEquals(3, things());
        assertEquals(3, chain().size());
    }

    @Test
    @DisplayName("--group refuses a pending split unit before anything is written, naming it; its dry run refuses the same")
    void groupRefusesSplit() throws IOException {
        unit("V1__One.cypher", "CREATE (:Thing);");
        unit("V2__Mixed.cypher", "CREATE INDEX thing_n IF NOT EXISTS FOR (t:Thing) ON (t.n);\nCREATE (:Thing);");
        unit("V3__Batched.cypher", "MATCH (t:Thing) CALL { WITH t SET t.b = 1 } IN TRANSACTIONS;");

        UpResult.ValidationFailed refused = assertInstanceOf(UpResult.ValidationFailed.class,
                up(UpOptions.DEFAULTS.grouped()));

        assertEquals(2, refused.findings().size(), refused.findings().toString());
        assertTrue(refused.findings().get(0).startsWith("unit 2 (" + units.resolve("V2__Mixed.cypher")
                + ") cannot join --group's one transaction: it mixes schema commands and data writes"),
                refused.findings().get(0));
        assertTrue(refused.findings().get(1).contains("CALL { } IN TRANSACTIONS"), refused.findings().get(1));
        assertEquals(0, things());
        assertEquals(0, neo4j.count("MATCH (n) WHERE n:__StatestoreEntry OR n:__StatestoreHistory OR n:__StatestoreLock "
                + "RETURN count(n)"), "no history and not even a lease");
        assertEquals(0, neo4j.count("SHOW INDEXES YIELD name WHERE name = 'thing_n' RETURN count(*)"));
        try (Statestore store = open(new StopSignal())) {
            DryRun.Outcome.Refused dry = assertInstanceOf(DryRun.Outcome.Refused.class,
                    store.dryRunUp(Optional.empty(), UpOptions.DEFAULTS.grouped()));
            assertEquals(refused, dry.result());
        }
    }

    @Test
    @DisplayName("--group refuses a pending Java unit, which manages its own transactions")
    void groupRefusesJava() {
        UpResult result;
        try (Statestore store = Statestore.open(StatestoreConfig.builder().connection(neo4j.settings())
                .bundledUnits(false).javaUnit(new V0_2_0__Tag_things()).build())) {
            result = store.migrateUp(Optional.empty(), UpOptions.DEFAULTS.grouped());
        }
        UpResult.ValidationFailed refused = assertInstanceOf(UpResult.ValidationFailed.class, result);
        assertTrue(refused.findings().get(0).contains("a Java unit manages its own transactions"), refused.findings().get(0));
        assertEquals(List.of(), chain());
    }

    @Test
    @DisplayName("while a group runs every unit of it shows running, and nothing is recorded until it commits")
    void groupShowsAllRunning() throws Exception {
        unit("V1__One.cypher", "CREATE (:Thing);");
        unit("V2__Gated.cypher", GATED + "CREATE (:Thing);");
        unit("V3__Three.cypher", "CREATE (:Thing);");
        CompletableFuture<UpResult> run;
        try (Gate gate = new Gate(neo4j)) {
            run = CompletableFuture.supplyAsync(() -> up(UpOptions.DEFAULTS.grouped()));
            InfoReport info = infoOnce(i -> i.units().get(0).state() == UnitState.RUNNING);
            assertEquals(List.of(UnitState.RUNNING, UnitState.RUNNING, UnitState.RUNNING), states(info));
            assertEquals(List.of(), chain());
        }
        assertInstanceOf(UpResult.Applied.class, run.get(60, TimeUnit.SECONDS));
        assertEquals(List.of("1", "2", "3"), chain().stream().map(HistoryEntry::version).toList());
    }

    @Test
    @DisplayName("--group reruns a changed failed unit inside the group: the failed entry stays, a new one follows")
    void groupRetriesChangedFailure() throws IOException {
        unit("V1__Broken.cypher", "THIS IS NOT CYPHER;");
        assertInstanceOf(UpResult.UnitFailed.class, up(UpOptions.DEFAULTS));
        unit("V1__Broken.cypher", "CREATE (:Thing);");
        unit("V2__Two.cypher", "CREATE (:Thing);");

        assertInstanceOf(UpResult.Applied.class, up(UpOptions.DEFAULTS.grouped()));

        assertEquals(List.of(EntryState.FAILED, EntryState.SUCCESS, EntryState.SUCCESS),
                chain().stream().map(HistoryEntry::state).toList());
        assertEquals(2, things());
    }
}
