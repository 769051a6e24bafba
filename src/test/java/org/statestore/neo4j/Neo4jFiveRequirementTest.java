package org.statestore.neo4j;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Neo4j 5 requirement")
class Neo4jFiveRequirementTest {

    private static ConnectedServer running(String version) {
        return new ConnectedServer("bolt://db:7687 (database neo4j)", "neo4j", new ServerInfo(version, "community"));
    }

    @Test
    @DisplayName("refuses Neo4j 4.4.48 with one line naming the version, the operation and the way to Neo4j 5")
    void aServerBelowFiveIsRefusedNamingItsVersionAndTheWayForward() {
        ConnectedServer server = running("4.4.48");
        UnsupportedServerException e = assertThrows(UnsupportedServerException.class,
                () -> server.requireNeo4j5("migrate up"));
        assertEquals("Neo4j 4.4.48 is below 5.0, which migrate up needs; identity commands still work on it. "
                + "Move the store to Neo4j 5: stop the server, run neo4j-admin dump --database=neo4j "
                + "--to=neo4j.dump, then statestore upgrade store --from-dump neo4j.dump --into URL of an empty "
                + "Neo4j 5 server (or --data-dir DIR; its --help says which --target fits your alchemiscale release)",
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertSame(server.server(), e.server());
        assertEquals(0, e.getStackTrace().length, "a message for people, not a trace");
    }

    @Test
    @DisplayName("dumps the database the store is connected to, not always neo4j")
    void theAdviceNamesTheConnectedDatabase() {
        ConnectedServer server = new ConnectedServer("bolt://db:7687", "alchemiscale", new ServerInfo("4.4.48",
                "enterprise"));
        String message = assertThrows(UnsupportedServerException.class, () -> server.requireNeo4j5("backup create"))
                .getMessage();
        assertTrue(message.contains("neo4j-admin dump --database=alchemiscale --to=alchemiscale.dump"), message);
        assertTrue(message.contains("--from-dump alchemiscale.dump"), message);
        assertFalse(message.contains("bolt://"), "the target's description stays out of it: " + message);
    }

    @Test
    @DisplayName("refuses every version whose leading number is below 5, 3.5 too")
    void everyVersionBelowFiveIsRefused() {
        for (String version : List.of("4.4.48", "4.0.0", "3.5.35", "4.4.48-aura")) {
            assertTrue(new ServerInfo(version, "community").belowNeo4j5(), version);
        }
    }

    @Test
    @DisplayName("accepts 5.0 and later, calendar versions included")
    void fiveAndLaterAreAccepted() {
        for (String version : List.of("5.0.0", "5.18.1", "5.26.30", "5.23-aura", "2025.10.1", "2026.08.1",
                "99999999999.1")) {
            assertFalse(new ServerInfo(version, "community").belowNeo4j5(), version);
            assertDoesNotThrow(() -> running(version).requireNeo4j5("migrate up"), version);
        }
    }

    @Test
    @DisplayName("accepts a version it cannot read, so an unforeseen form never locks a newer server out")
    void anUnreadableVersionIsAccepted() {
        for (String version : List.of("", "dev", "unknown", "v4.4.48")) {
            assertFalse(new ServerInfo(version, "community").belowNeo4j5(), version);
            assertDoesNotThrow(() -> running(version).requireNeo4j5("migrate up"), version);
        }
        assertFalse(new ServerInfo(null, "community").belowNeo4j5());
    }
}
