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
import org.statestore.history.HistoryChain;
import org.statestore.history.HistoryEntry;
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
}
