package org.statestore.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Scope follows alchemiscale's org-campaign-project grammar")
class IdentityScopeTest {

    @ParameterizedTest(name = "{0} is a scope")
    @ValueSource(strings = {"acme-tyk2_2023-fep_round1", "openff-benchmark-tyk2_2023", "acme-*-*", "*-*-*",
            "acme-cdk8_2023-*", "a-b-c", "A1_-b_2-C"})
    @DisplayName("accepts names and trailing wildcards, and prints them back unchanged")
    void acceptsValid(String text) {
        assertEquals(text, Scope.parse(text).toString());
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "acme", "acme-camp", "acme-camp-proj-extra", "acme--proj", "-camp-proj", "acme-camp-",
            "acme-*-proj", "*-camp-*", "*-*-proj", "1acme-camp-proj", "_acme-camp-proj", "acme-ca mp-proj",
            "acme-camp-pröj", "acme-camp-pro.j", "acme-**-*", "acme-c*-*", "acme-camp-proj'"})
    @DisplayName("refuses wrong part counts, bad names and wildcards followed by names")
    void refusesInvalid(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scope.parse(text));
        assertTrue(e.getMessage().startsWith("bad scope '"), e.getMessage());
    }

    @Test
    @DisplayName("explains the wildcard hierarchy when a name follows a '*'")
    void explainsHierarchy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scope.parse("acme-*-proj"));
        assertEquals("bad scope 'acme-*-proj': once a part is '*', the parts after it must be '*' too "
                + "(project is 'proj')", e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {" acme-*-*", "acme-x-y ", "  acme-tyk2-fep\n", "\tacme-*-*", "*-*-* ", "acme-x-y\u00a0",
            "\u2003acme-x-y"})
    @DisplayName("refuses surrounding whitespace, as alchemiscale does, instead of dropping it")
    void refusesSurroundingWhitespace(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scope.parse(text));
        assertTrue(e.getMessage().endsWith(": it has whitespace before or after it, which alchemiscale refuses"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "control characters are escaped: " + e.getMessage());
    }

    @Test
    @DisplayName("shows a refused scope with its whitespace visible and control characters escaped")
    void showsRefusedScope() {
        assertEquals("bad scope ' acme-*-*': it has whitespace before or after it, which alchemiscale refuses",
                assertThrows(IllegalArgumentException.class, () -> Scope.parse(" acme-*-*")).getMessage());
        assertEquals("bad scope 'acme-x-y\\u000a': it has whitespace before or after it, which alchemiscale refuses",
                assertThrows(IllegalArgumentException.class, () -> Scope.parse("acme-x-y\n")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scope.parse("a-b\nc-d")).getMessage()
                .startsWith("bad scope 'a-b\\u000ac-d': "));
        assertEquals(Scope.parse("acme-*-*"), new Scope("acme", "*", "*"));
    }

    @Test
    @DisplayName("a scope covers a target when every non-wildcard part is equal")
    void superset() {
        Scope target = Scope.parse("acme-tyk2-fep");
        assertTrue(Scope.parse("*-*-*").isSupersetOf(target));
        assertTrue(Scope.parse("acme-*-*").isSupersetOf(target));
        assertTrue(Scope.parse("acme-tyk2-*").isSupersetOf(target));
        assertTrue(target.isSupersetOf(target));
        assertFalse(Scope.parse("acme-cdk8-*").isSupersetOf(target));
        assertFalse(Scope.parse("openff-*-*").isSupersetOf(target));
        assertFalse(target.isSupersetOf(Scope.parse("acme-tyk2-*")));
        assertTrue(target.isSpecific());
        assertFalse(Scope.parse("acme-tyk2-*").isSpecific());
    }
}
