package org.statestore.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.statestore.identity.IdentifierRejectedException;

@DisplayName("TokenLogin knows which identifiers alchemiscale's /token can look up")
class IdentityTokenLoginTest {

    @ParameterizedTest(name = "\"{0}\" is accepted")
    @ValueSource(strings = {"alice", "gpu-cluster-01", "carol smith", "a`b", "a\"b", "x}) DETACH DELETE n //",
            "ünïcødé 🙂 ключ", " padded ", "line\nbreak", "{identifier}", "$identifier", "100%"})
    @DisplayName("accepts every identifier without ' or \\, however odd")
    void accepts(String identifier) {
        assertTrue(TokenLogin.accepts(identifier));
        assertTrue(TokenLogin.whyRefused(identifier).isEmpty());
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"o'brien", "'", "a''b", "') MATCH (m) DETACH DELETE m //", "trailing'"})
    @DisplayName("refuses a single quote, which ends the pasted Cypher string early")
    void refusesQuote(String identifier) {
        assertFalse(TokenLogin.accepts(identifier));
        String why = TokenLogin.whyRefused(identifier).orElseThrow();
        assertTrue(why.startsWith("alchemiscale's /token pastes the identifier unescaped") && why.contains("' ends"),
                why);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"back\\slash", "\\", "a\\nb", "a\\\\b", "ends\\"})
    @DisplayName("refuses every backslash, since one can start an escape sequence in the pasted Cypher string")
    void refusesBackslash(String identifier) {
        assertFalse(TokenLogin.accepts(identifier));
        String why = TokenLogin.whyRefused(identifier).orElseThrow();
        assertTrue(why.startsWith("alchemiscale's /token pastes the identifier unescaped")
                && why.contains("a \\ can start an escape sequence"), why);
    }

    @Test
    @DisplayName("refuses an empty identifier, since the login form reads an empty username as missing")
    void refusesEmpty() {
        assertEquals("alchemiscale's /token takes the identifier as its login form's username, which FastAPI reads "
                + "as missing when empty, so this identity may be unable to log in",
                TokenLogin.whyRefused("").orElseThrow());
        assertFalse(TokenLogin.accepts(null));
    }

    @Test
    @DisplayName("names the identifier, with control characters escaped, when it refuses one for a write")
    void requireNamesTheIdentifier() {
        IdentifierRejectedException e = assertThrows(IdentifierRejectedException.class,
                () -> TokenLogin.require("o'brien\nforged line"));
        assertTrue(e.getMessage().startsWith("identifier 'o'brien\\u000aforged line' refused: alchemiscale's /token"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
