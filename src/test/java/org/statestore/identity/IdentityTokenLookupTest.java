package org.statestore.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.statestore.identity.internal.KeyHasher;
import org.statestore.identity.internal.TokenLogin;
import org.statestore.testing.TestNeo4j;

/**
 * TokenLogin's rule held against the real thing: alchemiscale's {@code /token} lookup, built here by string
 * concatenation exactly as alchemiscale 0.7.2 builds it, run on a real Neo4j.
 */
@DisplayName("TokenLogin agrees with alchemiscale's pasted /token query on a real Neo4j")
class IdentityTokenLookupTest {

    private final TestNeo4j neo4j = TestNeo4j.get();
    private final IdentityStore store = new IdentityStore(neo4j.driver(), SessionConfig.forDatabase("neo4j"),
            new KeyHasher(4, new SecureRandom()));

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    /** The identifiers alchemiscale's {@code get_credentialed_entity} finds for {@code identifier}; throws when its query breaks. */
    private List<String> pastedTokenLookup(IdentityType type, String identifier) {
        String q = "\n        MATCH (n:" + type.label() + " {identifier: '" + identifier + "'})\n        RETURN n\n        ";
        return neo4j.query(q).stream().map(r -> r.get("n").get("identifier").asString()).toList();
    }

    /** Writes an identity as alchemiscale's CLI does (a parameterised merge), bypassing statestore's rule. */
    private void writeDirectly(String identifier) {
        neo4j.query("CREATE (:CredentialedEntity:CredentialedUserIdentity {identifier: $id, hashed_key: 'x', "
                + "scopes: [], disabled: false})", Map.of("id", identifier));
    }

    @Test
    @DisplayName("every identifier statestore accepts, plain or odd, is found by the pasted query")
    void acceptedIdentifiersAreFound() {
        List<String> accepted = List.of("alice", "gpu-cluster-01", "carol smith", "a`b", "a\"b", "x}) DETACH DELETE n //",
                "ünïcødé 🙂 ключ", " padded ", "line\nbreak", "tab\there", "{identifier}", "$identifier", "100%");
        for (String id : accepted) {
            assertTrue(TokenLogin.accepts(id), id);
            assertInstanceOf(AddResult.Added.class, store.add(IdentityType.USER, id, ApiKey.of("k")));
            assertInstanceOf(AddResult.Added.class, store.add(IdentityType.COMPUTE, id, ApiKey.of("k")));
        }
        for (String id : accepted) {
            assertEquals(List.of(id), pastedTokenLookup(IdentityType.USER, id), id);
            assertEquals(List.of(id), pastedTokenLookup(IdentityType.COMPUTE, id), id);
        }
    }

    @Test
    @DisplayName("an identifier holding ' breaks the pasted query, so that identity can never log in")
    void quoteBreaksTheLookup() {
        for (String id : List.of("o'brien", "trailing'")) {
            writeDirectly(id);
            assertFalse(TokenLogin.accepts(id));
            ClientException e = assertThrows(ClientException.class,
                    () -> pastedTokenLookup(IdentityType.USER, id));
            assertTrue(e.code().startsWith("Neo.ClientError.Statement."), e.code());
        }
    }

    @Test
    @DisplayName("a quote the pasted query survives still never finds its own identity")
    void balancedQuotesFindNothing() {
        writeDirectly("a''b");
        assertFalse(TokenLogin.accepts("a''b"));
        List<String> found;
        try {
            found = pastedTokenLookup(IdentityType.USER, "a''b");
        } catch (ClientException e) {
            found = List.of();
        }
        assertFalse(found.contains("a''b"), found.toString());
    }

    @Test
    @DisplayName("a known escape after \\ makes the pasted query look for another identifier, or breaks it")
    void backslashMisleadsOrBreaksTheLookup() {
        writeDirectly("a\\nb");
        writeDirectly("a\nb");
        writeDirectly("a\\u0041b");
        writeDirectly("aAb");
        writeDirectly("ends\\");
        for (String id : List.of("a\\nb", "a\\u0041b", "ends\\")) {
            assertFalse(TokenLogin.accepts(id), id);
        }
        assertEquals(List.of("a\nb"), pastedTokenLookup(IdentityType.USER, "a\\nb"), "\\n became a newline");
        assertEquals(List.of("aAb"), pastedTokenLookup(IdentityType.USER, "a\\u0041b"), "\\u0041 became A");
        assertThrows(ClientException.class, () -> pastedTokenLookup(IdentityType.USER, "ends\\"),
                "a final \\ escapes the closing quote");
    }

    @Test
    @DisplayName("refusing every \\ is deliberately wider than Neo4j 5.26 needs: it keeps an unknown escape like \\s as typed")
    void unknownEscapesAreKeptOnThisNeo4j() {
        // If this starts failing, Neo4j now rejects or rewrites unknown escapes: the refusal is then exact.
        writeDirectly("back\\slash");
        assertFalse(TokenLogin.accepts("back\\slash"));
        assertEquals(List.of("back\\slash"), pastedTokenLookup(IdentityType.USER, "back\\slash"));
    }
}
