package org.statestore.alchemiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.statestore.alchemiscale.internal.Quoting;

@DisplayName("The doctor's rules, without a database")
class DoctorRulesTest {

    private static final String HEX = "0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"compute_svc-" + HEX, "host.example:gpu0-" + HEX, "a-" + "0123456789ABCDEF0123456789ABCDEF",
            "Worker_1-" + HEX})
    @DisplayName("a compute service identifier {name}-{32 hex digits} conforms to alchemiscale main's rule")
    void conforming(String id) {
        assertTrue(ComputeServiceId.conforms(id), id);
        assertEquals(Optional.empty(), ComputeServiceId.problem(id));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"compute-svc-12345678-1234-4234-8234-123456789abc", "svc-12345678-1234-4234-8234-123456789abc",
            "svc-", "-" + HEX, "1svc-" + HEX, "svc-" + "0123456789abcdef0123456789abcde",
            "svc-" + HEX + "0", "svc-0123456789abcdef0123456789abcdeg", "svc_" + HEX, "", "svc-{" + HEX + "}",
            "s vc-" + HEX, "svc-" + HEX + "\n"})
    @DisplayName("anything else does not conform: the old hyphenated uuid, a bad name, a uuid that is not 32 hex digits")
    void nonconforming(String id) {
        assertFalse(ComputeServiceId.conforms(id), id);
    }

    @Test
    @DisplayName("the reason names what is wrong; a missing identifier never conforms")
    void reasons() {
        assertEquals(Optional.of("6 parts between '-', not 2"),
                ComputeServiceId.problem("svc-12345678-1234-4234-8234-123456789abc"));
        assertEquals(Optional.of("the name does not match [a-zA-Z][a-zA-Z0-9_.:]*"), ComputeServiceId.problem("9-" + HEX));
        assertEquals(Optional.of("the uuid is not 32 hex digits"), ComputeServiceId.problem("svc-"));
        assertEquals(Optional.of("no identifier"), ComputeServiceId.problem(null));
    }

    @Test
    @DisplayName("--release reads a version, with or without v, or next; the default is 0.7.2")
    void releases() {
        AlchemiscaleRelease newest = AlchemiscaleRelease.newest();
        assertEquals("0.7.2", newest.text());
        assertTrue(newest.zonedTimes() && newest.networkMarks() && !newest.afterNewest());

        AlchemiscaleRelease old = AlchemiscaleRelease.parse("v0.6.2");
        assertEquals("alchemiscale v0.6.2", old.describe());
        assertTrue(old.networkMarks() && !old.zonedTimes() && !old.afterNewest());

        AlchemiscaleRelease v03 = AlchemiscaleRelease.parse("0.3.0");
        assertFalse(v03.networkMarks() || v03.zonedTimes());

        AlchemiscaleRelease next = AlchemiscaleRelease.parse("next");
        assertInstanceOf(AlchemiscaleRelease.Next.class, next);
        assertTrue(next.afterNewest() && next.zonedTimes() && next.networkMarks());
        assertEquals("alchemiscale next (unreleased main, after v0.7.2)", next.describe());

        assertTrue(AlchemiscaleRelease.parse("0.8.0").afterNewest());
        assertTrue(AlchemiscaleRelease.parse("0.7.1").zonedTimes());
        assertFalse(AlchemiscaleRelease.parse("0.7.1").afterNewest());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"latest", "", "0.7.2-1", "0.0.9", "0", "v", "0.7.x"})
    @DisplayName("--release refuses what is not an alchemiscale release")
    void badReleases(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlchemiscaleRelease.parse(text));
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    @DisplayName("identifiers are shown on one line and as shell words that give them back")
    void quoting() {
        assertEquals("\"o'brien\"", Quoting.literal("o'brien"));
        assertEquals("\"a\\\\b\\n\\u001b[31m\"", Quoting.literal("a\\b\n\u001b[31m"));
        assertEquals("alice", Quoting.shellWord("alice"));
        assertEquals("'o'\\''brien'", Quoting.shellWord("o'brien"));
        assertEquals("'a\\b c'", Quoting.shellWord("a\\b c"));
        assertEquals("''", Quoting.shellWord(""));
        assertEquals("$'x\\ny\\'\\u202e'", Quoting.shellWord("x\ny'\u202e"));
        assertEquals("compute-abc", Quoting.shown("compute-abc"));
        assertEquals("\"bad\\nid\"", Quoting.shown("bad\nid"));
    }
}
