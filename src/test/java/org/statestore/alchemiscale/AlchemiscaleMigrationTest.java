package org.statestore.alchemiscale;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Record;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.internal.HistoryChain;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("migrate up on an alchemiscale v0.3 store")
class AlchemiscaleMigrationTest {

    private static final int NETWORKS = 10_000;

    private final TestNeo4j neo4j = TestNeo4j.get();

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private List<HistoryEntry> chain() {
        return new HistoryChain(neo4j.driver(), org.neo4j.driver.SessionConfig.forDatabase("neo4j")).read();
    }

    @Test
    @DisplayName("detects the v0.3 shape, baselines at 0.3.0, applies 0.4.0 and 0.7.0, and gives every network "
            + "exactly one NetworkMark as alchemiscale v0.4 writes it; a second run changes nothing")
    void migratesTenThousandNetworks() throws Exception {
        V03Stores.seed(neo4j, NETWORKS);

        CliRun run = CliRun.run(neo4j.env(), "migrate", "up");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("detected alchemiscale v0.3 shape (networks: 10000, unmarked: 10000, "
                + "NetworkMarks: 0, constraints present: 4 of 4, :NOPE present: yes); baselining at 0.3.0"), run::toString);
        assertTrue(run.out().contains("applied 0.4.0 AddNetworkMark"), run::toString);
        assertTrue(run.out().contains("applied 0.7.0 UtcTimestamps"), run::toString);
        assertTrue(run.err().contains("NetworkMark: 10000 networks marked in 1 transactions"), run::toString);
        assertEquals(List.of("0.3.0:baseline", "0.4.0:success", "0.7.0:success", "0.7.1:success"),
                chain().stream().map(e -> e.version() + ":" + e.state().label()).toList());

        Map<String, List<Map<String, Object>>> marks = V03Stores.marks(neo4j);
        assertEquals(NETWORKS, marks.size());
        List<String> wrong = new ArrayList<>();
        for (Record n : neo4j.query("MATCH (n:AlchemicalNetwork) RETURN n._scoped_key AS k, n._org AS o, "
                + "n._campaign AS c, n._project AS p")) {
            String key = n.get("k").asString();
            List<Map<String, Object>> mine = marks.get(key);
            Map<String, Object> expected = V03Stores.expectedMark(key, n.get("o").asString(), n.get("c").asString(),
                    n.get("p").asString());
            Map<String, Object> rel = new TreeMap<>(Map.of("_org", n.get("o").asString(),
                    "_campaign", n.get("c").asString(), "_project", n.get("p").asString()));
            if (mine.size() != 1 || !mine.get(0).get("props").equals(expected) || !mine.get(0).get("rel").equals(rel)
                    || !mine.get(0).get("labels").equals(List.of("GufeTokenizable", "NetworkMark"))
                    || !mine.get(0).get("degree").equals(1L)) {
                wrong.add(key + " -> " + mine);
            }
        }
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " networks wrong, e.g. " + wrong.get(0));
        assertEquals(NETWORKS, neo4j.count("MATCH (m:NetworkMark) RETURN count(m)"));
        assertEquals("LIST<NOTHING> NOT NULL",
                neo4j.query("MATCH (m:NetworkMark) RETURN valueType(m._json_props) AS t LIMIT 1").get(0).get("t").asString());

        long nodes = neo4j.count("MATCH (n) RETURN count(n)");
        long relationships = neo4j.count("MATCH ()-[r]->() RETURN count(r)");
        CliRun again = CliRun.run(neo4j.env(), "migrate", "up");

        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("nothing to do: database is at version 0.7.1"), again::toString);
        assertEquals(4, chain().size());
        assertEquals(nodes, neo4j.count("MATCH (n) RETURN count(n)"));
        assertEquals(relationships, neo4j.count("MATCH ()-[r]->() RETURN count(r)"));
        assertEquals(marks, V03Stores.marks(neo4j));
    }

    @Test
    @DisplayName("gives the reference's example network the mark key NetworkMark-01219fabcf6fb5ce6353c2f52b899c1d")
    void referenceExample() throws Exception {
        String target = "AlchemicalNetwork-66d7676b10a1fd9cb3f75e6e2e7f6e9c-my_org-my_campaign-my_project";
        neo4j.query("CREATE (:GufeTokenizable:AlchemicalNetwork {_scoped_key: $k, _gufe_key: "
                + "'AlchemicalNetwork-66d7676b10a1fd9cb3f75e6e2e7f6e9c', _org: 'my_org', _campaign: 'my_campaign', "
                + "_project: 'my_project'})", Map.of("k", target));

        CliRun run = CliRun.run(neo4j.env(), "migrate", "up");

        assertEquals(0, run.exitCode(), run::toString);
        Map<String, Object> mark = neo4j.query("MATCH (m:NetworkMark)-[:MARKS]->(:AlchemicalNetwork) "
                + "RETURN properties(m) AS p").get(0).get("p").asMap();
        assertEquals("NetworkMark-01219fabcf6fb5ce6353c2f52b899c1d", mark.get("_gufe_key"));
        assertEquals("NetworkMark-01219fabcf6fb5ce6353c2f52b899c1d-my_org-my_campaign-my_project", mark.get("_scoped_key"));
        assertEquals(V03Stores.expectedMark(target, "my_org", "my_campaign", "my_project"), new TreeMap<>(mark));
        assertEquals(new NetworkMarkKey(target, "NetworkMark-01219fabcf6fb5ce6353c2f52b899c1d",
                        "NetworkMark-01219fabcf6fb5ce6353c2f52b899c1d-my_org-my_campaign-my_project"),
                NetworkMarkKey.of(target, "my_org", "my_campaign", "my_project"));
    }

    @Test
    @DisplayName("marks only the networks still unmarked, in several small batches, leaving existing marks alone")
    void resumesPartialWork() {
        V03Stores.seed(neo4j, 250);
        org.statestore.migrate.MigrationContext context = new org.statestore.migrate.MigrationContext(neo4j.driver(),
                "neo4j", line -> { });
        // Mark 100 networks by hand first, with a state alchemiscale allows, as a half-done earlier run would.
        neo4j.query("""
                MATCH (n:AlchemicalNetwork) WITH n ORDER BY n._scoped_key LIMIT 100
                CREATE (:GufeTokenizable:NetworkMark {_scoped_key: 'pre-' + n._scoped_key, state: 'inactive'})
                       -[:MARKS]->(n)""");
        List<String> progress = new ArrayList<>();
        RecordedProgress counts = new RecordedProgress();

        new V0_4_0__AddNetworkMark(40).apply(new org.statestore.migrate.MigrationContext(context.driver(), "neo4j",
                progress::add, counts));

        assertEquals(0, neo4j.count("MATCH (n:AlchemicalNetwork) WHERE COUNT { (n)<-[:MARKS]-(:NetworkMark) } <> 1 "
                + "RETURN count(n)"));
        assertEquals(100, neo4j.count("MATCH (m:NetworkMark {state: 'inactive'}) RETURN count(m)"));
        assertEquals(150, neo4j.count("MATCH (m:NetworkMark {state: 'active'}) RETURN count(m)"));
        assertEquals("NetworkMark: 150 networks without a mark; 40 per transaction", progress.get(0));
        assertTrue(progress.get(1).startsWith("NetworkMark: 150 networks marked in 4 transactions, "), progress::toString);
        assertEquals(2, progress.size(), progress::toString);
        assertEquals(List.of("start NetworkMark 150", "advance 40", "advance 40", "advance 40", "advance 30",
                "advance 0", "done"), counts.events(), "one advance per committed batch, out of the count store's total");
    }

    @Test
    @DisplayName("converts pre-v0.7 LocalDateTime times to the same wall clock in UTC, microseconds kept, "
            + "and leaves zoned times alone")
    void convertsLocalTimesToUtc() {
        neo4j.query("""
                CREATE (c:ComputeServiceRegistration {identifier: 'svc-old',
                        registered: localdatetime('2023-06-01T09:15:04.064254'),
                        heartbeat: localdatetime('2023-08-30T09:51:50.504434')})
                CREATE (d:ComputeServiceRegistration {identifier: 'svc-new',
                        registered: datetime('2024-01-02T03:04:05.123456+02:00'),
                        heartbeat: datetime('2024-01-02T03:04:06.5Z')})
                CREATE (t1:Task {datetime_created: localdatetime('2023-07-21T08:50:52.997357')})
                CREATE (t2:Task {datetime_created: datetime('2024-02-03T04:05:06.000001Z')})
                CREATE (t3:Task)
                CREATE (c)-[:CLAIMS {claimed: localdatetime('2023-06-02T23:42:21.234247')}]->(t1)
                CREATE (d)-[:CLAIMS {claimed: datetime('2024-02-03T04:05:07Z')}]->(t2)""");
        List<String> progress = new ArrayList<>();
        RecordedProgress counts = new RecordedProgress();

        new V0_7_0__UtcTimestamps().apply(new org.statestore.migrate.MigrationContext(neo4j.driver(), "neo4j",
                progress::add, counts));
        assertEquals(List.of("start UtcTimestamps 4", "advance 1", "advance 1", "advance 1", "advance 1", "done"),
                counts.events(), "the values to convert are counted first, then each converted one");

        Record r = neo4j.query("""
                MATCH (c:ComputeServiceRegistration {identifier: 'svc-old'})-[cl:CLAIMS]->(t1:Task)
                MATCH (d:ComputeServiceRegistration {identifier: 'svc-new'})-[dl:CLAIMS]->(t2:Task)
                MATCH (t3:Task) WHERE t3.datetime_created IS NULL
                RETURN toString(c.registered) AS cr, toString(c.heartbeat) AS ch, toString(cl.claimed) AS cc,
                       toString(t1.datetime_created) AS t1, valueType(c.heartbeat) AS type,
                       toString(d.registered) AS dr, toString(d.heartbeat) AS dh, toString(dl.claimed) AS dc,
                       toString(t2.datetime_created) AS t2, t3.datetime_created AS t3""").get(0);
        assertAll(
                () -> assertEquals("2023-06-01T09:15:04.064254Z[UTC]", r.get("cr").asString()),
                () -> assertEquals("2023-08-30T09:51:50.504434Z[UTC]", r.get("ch").asString()),
                () -> assertEquals("2023-06-02T23:42:21.234247Z[UTC]", r.get("cc").asString()),
                () -> assertEquals("2023-07-21T08:50:52.997357Z[UTC]", r.get("t1").asString()),
                () -> assertEquals("ZONED DATETIME NOT NULL", r.get("type").asString()),
                () -> assertEquals("2024-01-02T03:04:05.123456+02:00", r.get("dr").asString()),
                () -> assertEquals("2024-01-02T03:04:06.5Z", r.get("dh").asString()),
                () -> assertEquals("2024-02-03T04:05:07Z", r.get("dc").asString()),
                () -> assertEquals("2024-02-03T04:05:06.000001Z", r.get("t2").asString()),
                () -> assertTrue(r.get("t3").isNull()));
        assertEquals(List.of(
                "UtcTimestamps: ComputeServiceRegistration.heartbeat: 1 LocalDateTime values converted to UTC DateTime",
                "UtcTimestamps: ComputeServiceRegistration.registered: 1 LocalDateTime values converted to UTC DateTime",
                "UtcTimestamps: CLAIMS.claimed: 1 LocalDateTime values converted to UTC DateTime",
                "UtcTimestamps: Task.datetime_created: 1 LocalDateTime values converted to UTC DateTime"), progress);

        List<String> again = new ArrayList<>();
        new V0_7_0__UtcTimestamps().apply(new org.statestore.migrate.MigrationContext(neo4j.driver(), "neo4j",
                again::add));
        assertTrue(again.stream().allMatch(l -> l.contains(": 0 LocalDateTime values")), again::toString);
    }

    @Test
    @DisplayName("converts every LocalDateTime a generated v0.3 store holds")
    void convertsGeneratedStore() {
        V03Stores.seed(neo4j, 40);

        CliRun run = CliRun.run(neo4j.env(), "migrate", "up");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(0, neo4j.count("""
                CALL {
                  MATCH (c:ComputeServiceRegistration) UNWIND [c.heartbeat, c.registered] AS x RETURN x
                  UNION ALL MATCH ()-[r:CLAIMS]->() RETURN r.claimed AS x
                  UNION ALL MATCH (t:Task) RETURN t.datetime_created AS x
                }
                RETURN count(CASE WHEN x IS :: ZONED DATETIME NOT NULL THEN null ELSE 1 END)"""));
        assertEquals(104, neo4j.count("""
                CALL {
                  MATCH (c:ComputeServiceRegistration) UNWIND [c.heartbeat, c.registered] AS x RETURN x
                  UNION ALL MATCH ()-[r:CLAIMS]->() RETURN r.claimed AS x
                  UNION ALL MATCH (t:Task) RETURN t.datetime_created AS x
                }
                RETURN count(x)"""));
        assertEquals(EntryState.SUCCESS, chain().get(chain().size() - 1).state());
    }

    /** A progress sink that keeps what it was told, in order. */
    static final class RecordedProgress implements org.statestore.progress.ProgressSink {
        private final List<String> events = new ArrayList<>();

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

        synchronized List<String> events() {
            return List.copyOf(events);
        }
    }
}
