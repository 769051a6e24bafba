package org.statestore.alchemiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.history.internal.HistoryChain;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("an alchemiscale store statestore never versioned is baselined by its shape")
class ShapeDetectionTest {

    private final TestNeo4j neo4j = TestNeo4j.get();

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private List<String> chain() {
        return new HistoryChain(neo4j.driver(), org.neo4j.driver.SessionConfig.forDatabase("neo4j")).read().stream()
                .map(e -> e.version() + ":" + e.state().label()).toList();
    }

    private CliRun up() {
        CliRun run = CliRun.run(neo4j.env(), "migrate", "up");
        assertEquals(0, run.exitCode(), run::toString);
        return run;
    }

    private void fourConstraints() {
        for (UniqueConstraint c : UniqueConstraint.ALCHEMISCALE) {
            neo4j.query(c.createStatement());
        }
    }

    @Test
    @DisplayName("an empty database is not baselined: every unit applies")
    void emptyDatabaseAppliesEverything() {
        CliRun run = up();

        assertFalse(run.err().contains("detected"), run::toString);
        assertEquals(List.of("0.1.0:success", "0.4.0:success", "0.7.0:success", "0.7.1:success"), chain());
    }

    @Test
    @DisplayName("statestore's own nodes do not count as data")
    void statestoreNodesAreNotData() {
        neo4j.query("CREATE (:__StatestoreHistory {last_seq: 0}), (:__StatestoreLock)");

        CliRun run = up();

        assertFalse(run.err().contains("detected"), run::toString);
        assertEquals(List.of("0.1.0:success", "0.4.0:success", "0.7.0:success", "0.7.1:success"), chain());
    }

    @Test
    @DisplayName("a store whose networks all have marks is v0.4+: baselined at 0.4.0, then only 0.7.0 and 0.7.1 run")
    void markedStoreIsV04() {
        V03Stores.seed(neo4j, 9);
        new V0_4_0__AddNetworkMark(5).apply(new org.statestore.migrate.MigrationContext(neo4j.driver(), "neo4j",
                line -> { }));

        CliRun run = up();

        assertTrue(run.err().contains("detected alchemiscale v0.4+ shape (networks: 9, unmarked: 0, NetworkMarks: 9, "
                + "constraints present: 4 of 4, :NOPE present: yes); baselining at 0.4.0"), run::toString);
        assertEquals(List.of("0.4.0:baseline", "0.7.0:success", "0.7.1:success"), chain());
        assertEquals(List.of("0.1.0 ignored", "0.4.0 baseline", "0.7.0 success", "0.7.1 success"),
                CliRun.run(neo4j.env(), "migrate", "info").out().lines().skip(1).limit(4)
                        .map(l -> l.split("\\s+")[0] + " " + l.split("\\s+")[3]).toList());
    }

    @Test
    @DisplayName("a store alchemiscale initialised but never used (four constraints only) is baselined at 0.1.0")
    void initialisedStore() {
        fourConstraints();
        neo4j.query("CREATE (:CredentialedEntity:CredentialedUserIdentity {identifier: 'alice', scopes: []})");

        CliRun run = up();

        assertTrue(run.err().contains("detected alchemiscale initialised, no networks (networks: 0, unmarked: 0, "
                + "NetworkMarks: 0, constraints present: 4 of 4, :NOPE present: no); baselining at 0.1.0"), run::toString);
        assertEquals(List.of("0.1.0:baseline", "0.4.0:success", "0.7.0:success", "0.7.1:success"), chain());
    }

    @Test
    @DisplayName("v0.3's :NOPE node alone means v0.3; without all four constraints nothing is baselined, so 0.1.0 "
            + "restores them")
    void nopeOrUnmarkedNetworksMeanV03() {
        fourConstraints();
        neo4j.query("CREATE (:NOPE)");
        assertTrue(up().err().contains("detected alchemiscale v0.3 shape"));
        assertEquals(List.of("0.3.0:baseline", "0.4.0:success", "0.7.0:success", "0.7.1:success"), chain());

        neo4j.reset();
        neo4j.query("CREATE (:GufeTokenizable:AlchemicalNetwork {_scoped_key: 'AlchemicalNetwork-1-o-c-p', "
                + "_org: 'o', _campaign: 'c', _project: 'p'})");
        neo4j.query(UniqueConstraint.ALCHEMISCALE.get(0).createStatement());
        CliRun run = up();
        assertFalse(run.err().contains("detected"), run::toString);
        assertTrue(run.err().contains("not baselining: the database holds data but not all of alchemiscale's four "
                + "constraints (networks: 1, unmarked: 1, NetworkMarks: 0, constraints present: 1 of 4, :NOPE present: "
                + "no); every unit applies"), run::toString);
        assertEquals(List.of("0.1.0:success", "0.4.0:success", "0.7.0:success", "0.7.1:success"), chain());
        assertEquals(4, neo4j.constraintNames().size());
        assertEquals(1, neo4j.count("MATCH (:NetworkMark)-[:MARKS]->(:AlchemicalNetwork) RETURN count(*)"));
    }

    @Test
    @DisplayName("data that is not alchemiscale's is not baselined")
    void foreignData() {
        neo4j.query("CREATE (:Person {name: 'x'})");

        CliRun run = up();

        assertFalse(run.err().contains("detected"), run::toString);
        assertEquals(List.of("0.1.0:success", "0.4.0:success", "0.7.0:success", "0.7.1:success"), chain());
    }

    @Test
    @DisplayName("detection runs only while the history chain is empty")
    void onlyOnEmptyChain() {
        up();
        V03Stores.seed(neo4j, 3);

        CliRun run = up();

        assertFalse(run.err().contains("detected"), run::toString);
        assertTrue(run.out().contains("nothing to do"), run::toString);
    }
}
