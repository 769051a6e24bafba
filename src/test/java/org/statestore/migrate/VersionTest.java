package org.statestore.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.statestore.migrate.internal.UnitName;

@DisplayName("Versions")
class VersionTest {

    @Test
    @DisplayName("parse digits separated by underscores or dots and show them with dots")
    void parsesBothSeparators() {
        assertEquals("0.1.0", Version.parse("0_1_0").text());
        assertEquals("0.1.0", Version.parse("0.1.0").text());
        assertEquals("12", Version.parse("12").text());
        assertEquals(Version.parse("0_1_0"), Version.parse("0.1.0"));
    }

    @Test
    @DisplayName("order numerically part by part, so 0_10_0 comes after 0_9_0")
    void ordersSemantically() {
        List<Version> versions = new ArrayList<>(Stream.of("0_10_0", "1", "0_9_0", "0_9_10", "0_9_2", "2_0_1")
                .map(Version::parse).toList());
        versions.sort(null);
        assertEquals(List.of("0.9.0", "0.9.2", "0.9.10", "0.10.0", "1", "2.0.1"),
                versions.stream().map(Version::text).toList());
    }

    @Test
    @DisplayName("treat trailing zero parts as equal, so 1 == 1_0 == 1.0.0")
    void trailingZerosAreEqual() {
        assertEquals(Version.parse("1"), Version.parse("1_0"));
        assertEquals(Version.parse("1"), Version.parse("1.0.0"));
        assertEquals(Version.parse("1").hashCode(), Version.parse("1_0_0").hashCode());
        assertNotEquals(Version.parse("1"), Version.parse("1_0_1"));
        assertTrue(Version.parse("1_0_1").compareTo(Version.parse("1")) > 0);
    }

    @Test
    @DisplayName("compare leading zeros by value")
    void leadingZeros() {
        assertEquals(0, Version.parse("01_002").compareTo(Version.parse("1_2")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "1__2", "1_", "_1", "1.2a", "v1", "1-2", "1 2"})
    @DisplayName("reject anything that is not digit groups")
    void rejectsMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> Version.parse(text));
    }

    @Test
    @DisplayName("read version and description from unit names, underscores in descriptions as spaces")
    void unitNames() {
        UnitName n = UnitName.parse("V0_4_0__Add_network_mark").orElseThrow();
        assertEquals("0.4.0", n.version().text());
        assertEquals("Add network mark", n.description());
        assertTrue(UnitName.parse("V1_Missing_separator").isEmpty());
        assertTrue(UnitName.parse("v1__lowercase").isEmpty());
        assertTrue(UnitName.parse("V1__").isEmpty());
        assertTrue(UnitName.parse("V1__bad-dash").isEmpty());
    }
}
