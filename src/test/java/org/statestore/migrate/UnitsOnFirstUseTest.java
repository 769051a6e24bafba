package org.statestore.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.statestore.backup.CreateResult;
import org.statestore.backup.VerifyResult;
import org.statestore.identity.IdentityType;
import org.statestore.testing.TestNeo4j;

@DisplayName("The facade reads units on the first operation that needs them")
class UnitsOnFirstUseTest {

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path units;

    @TempDir
    Path backups;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private Statestore open() {
        return Statestore.open(StatestoreConfig.builder().connection(neo4j.settings()).bundledUnits(false)
                .location(units).build());
    }

    @Test
    @DisplayName("a store with a malformed unit still serves identities, backups and alchemiscale's check; "
            + "each migration operation throws UnitDiscoveryException")
    void malformedUnitFailsOnlyMigrations() throws IOException {
        Files.writeString(units.resolve("V1__Broken.cypher"), "CREATE (:A {name: 'unterminated);\n");
        try (Statestore store = open()) {
            assertEquals(List.of(), store.identities().list(IdentityType.USER));
            CreateResult.Created created = assertInstanceOf(CreateResult.Created.class, store.backups().create(backups));
            assertInstanceOf(VerifyResult.Valid.class, store.backups().verify(created.file()));
            store.alchemiscale().check();
            assertThrows(UnitDiscoveryException.class, () -> store.migrateUp(Optional.empty()));
            assertThrows(UnitDiscoveryException.class, store::info, "a failed read is not kept");
            assertThrows(UnitDiscoveryException.class, store::units);
        }
        assertEquals(0, neo4j.count("MATCH (n) WHERE NOT n:__StatestoreLock RETURN count(n)"),
                "nothing written but the lease node the backup held");
    }

    @Test
    @DisplayName("an unresolved placeholder throws on the first migration operation, not on open")
    void unresolvedPlaceholder() throws IOException {
        Files.writeString(units.resolve("V1__Tenant.cypher"), "CREATE (:Tenant {name: '${tenant}'});\n");
        try (Statestore store = open()) {
            UnitDiscoveryException e = assertThrows(UnitDiscoveryException.class, store::info);
            assertTrue(e.getMessage().contains("unresolved placeholder ${tenant}"), e::getMessage);
        }
    }

    @Test
    @DisplayName("units are read once per store: a file added after the first operation is not seen by it")
    void readOnce() throws IOException {
        Files.writeString(units.resolve("V1__First.cypher"), "CREATE (:First);\n");
        try (Statestore store = open()) {
            assertEquals(1, store.info().units().size());
            Files.writeString(units.resolve("V2__Second.cypher"), "CREATE (:Second);\n");
            assertEquals(1, store.units().size());
            assertInstanceOf(UpResult.Applied.class, store.migrateUp(Optional.empty()));
        }
        assertEquals(0, neo4j.count("MATCH (n:Second) RETURN count(n)"));
    }
}
