package org.statestore.migrate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.migrate.CypherUnit;
import org.statestore.migrate.JavaMigration;
import org.statestore.migrate.JavaUnit;
import org.statestore.migrate.Location;
import org.statestore.migrate.RollbackPlan;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitDiscoveryException;
import org.statestore.migrate.UnitType;
import org.statestore.migrate.Version;
import org.statestore.testunits.V0_2_0__Tag_things;

@DisplayName("Unit discovery")
class UnitCatalogTest {

    @TempDir
    Path dir;

    private final UnitCatalog catalog = new UnitCatalog(getClass().getClassLoader());

    private List<Unit> load(Location... locations) {
        return catalog.load(List.of(locations), List.of());
    }

    @Test
    @DisplayName("finds the bundled alchemiscale constraints unit inside the build output")
    void bundled() {
        List<Unit> units = load(Location.bundled());
        Unit first = units.get(0);
        assertEquals("0.1.0", first.version().text());
        assertEquals("Constraints", first.description());
        assertEquals("classpath:statestore/migrations/V0_1_0__Constraints.cypher", first.source());
        assertEquals(4, ((CypherUnit) first).script().statements().size());
        RollbackPlan.UndoScript undo = (RollbackPlan.UndoScript) first.rollback();
        assertEquals("classpath:statestore/migrations/U0_1_0__Constraints.cypher", undo.source());
        assertTrue(undo.script().statements().stream().allMatch(s -> s.code().strip().startsWith("DROP CONSTRAINT")));
    }

    @Test
    @DisplayName("reads the .cypher files of a directory, sorted by version, ignoring other files")
    void directory() throws IOException {
        Files.writeString(dir.resolve("V1_10__Later.cypher"), "RETURN 2;");
        Files.writeString(dir.resolve("V1_9__Earlier.cypher"), "RETURN 1;");
        Files.writeString(dir.resolve("README.md"), "not a unit");
        List<Unit> units = load(Location.directory(dir));
        assertEquals(List.of("1.9", "1.10"), units.stream().map(u -> u.version().text()).toList());
        assertEquals(dir.resolve("V1_9__Earlier.cypher").toString(), units.get(0).source());
    }

    @Test
    @DisplayName("rejects malformed names with a message naming every offending file")
    void malformedNames() throws IOException {
        Files.writeString(dir.resolve("V1_Oops.cypher"), "RETURN 1;");
        Files.writeString(dir.resolve("create-things.cypher"), "RETURN 1;");
        Files.writeString(dir.resolve("V2__Fine.cypher"), "RETURN 1;");
        UnitDiscoveryException e = assertThrows(UnitDiscoveryException.class, () -> load(Location.directory(dir)));
        assertTrue(e.getMessage().contains("V1_Oops.cypher"), e.getMessage());
        assertTrue(e.getMessage().contains("create-things.cypher"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed unit name"), e.getMessage());
    }

    @Test
    @DisplayName("rejects duplicate versions, 1 and 1_0 included, naming both files")
    void duplicates() throws IOException {
        Files.writeString(dir.resolve("V1__One.cypher"), "RETURN 1;");
        Files.writeString(dir.resolve("V1_0__Same.cypher"), "RETURN 1;");
        UnitDiscoveryException e = assertThrows(UnitDiscoveryException.class, () -> load(Location.directory(dir)));
        assertTrue(e.getMessage().contains("duplicate version 1"), e.getMessage());
        assertTrue(e.getMessage().contains("V1__One.cypher") && e.getMessage().contains("V1_0__Same.cypher"),
                e.getMessage());
    }

    @Test
    @DisplayName("rejects an empty script and an unterminated string, naming the file")
    void unparsable() throws IOException {
        Files.writeString(dir.resolve("V1__Empty.cypher"), "// nothing yet\n");
        Files.writeString(dir.resolve("V2__Broken.cypher"), "RETURN 1;\nRETURN 'open;");
        UnitDiscoveryException e = assertThrows(UnitDiscoveryException.class, () -> load(Location.directory(dir)));
        assertTrue(e.getMessage().contains("V1__Empty.cypher"), e.getMessage());
        assertTrue(e.getMessage().contains("V2__Broken.cypher:2"), e.getMessage());
    }

    @Test
    @DisplayName("rejects a location that is not a directory")
    void missingDirectory() {
        UnitDiscoveryException e = assertThrows(UnitDiscoveryException.class,
                () -> load(Location.directory(dir.resolve("nope"))));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    @DisplayName("finds Java units registered with ServiceLoader, without scanning, next to the bundled scripts")
    void javaUnitsThroughServiceLoader() throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(JavaMigration.class.getName()), V0_2_0__Tag_things.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            List<Unit> units = new UnitCatalog(loader).load(List.of(Location.bundled()), List.of());
            JavaUnit java = assertInstanceOf(JavaUnit.class, units.stream()
                    .filter(u -> u.version().equals(Version.parse("0.2.0"))).findFirst().orElseThrow());
            assertEquals("Tag things", java.description());
            assertEquals(UnitType.JAVA, java.type());
            assertEquals(V0_2_0__Tag_things.class.getName(), java.source());
            assertTrue(java.checksum().startsWith("v1:"));
        }
    }

    @Test
    @DisplayName("rejects a Java unit whose class name does not follow the naming rule")
    void badJavaUnitName() {
        JavaMigration unnamed = context -> { };
        UnitDiscoveryException e = assertThrows(UnitDiscoveryException.class,
                () -> catalog.load(List.of(), List.of(unnamed)));
        assertTrue(e.getMessage().contains("is not named V<version>__<Description>"), e.getMessage());
    }
}
