package org.statestore.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.statestore.identity.internal.KeyHasher;
import org.statestore.testing.TestNeo4j;

@DisplayName("IdentityStore against a real Neo4j")
class IdentityStoreTest {

    private final TestNeo4j neo4j = TestNeo4j.get();
    // Cost 4 keeps these tests fast; the command tests cover cost 12.
    private final IdentityStore store = new IdentityStore(neo4j.driver(), SessionConfig.forDatabase("neo4j"),
            new KeyHasher(4, new SecureRandom()));

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private Map<String, Object> properties(String label, String identifier) {
        return neo4j.query("MATCH (n:" + label + " {identifier: $id}) RETURN properties(n) AS p", Map.of("id", identifier))
                .get(0).get("p").asMap();
    }

    @Test
    @DisplayName("concurrent scope additions to one identity all survive (the node is locked before it is read)")
    void concurrentScopeChangesAreNotLost() throws Exception {
        store.add(IdentityType.USER, "alice", ApiKey.of("k"));
        int threads = 4;
        int each = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < each; i++) {
                        store.addScopes(IdentityType.USER, "alice", List.of(Scope.parse("org" + thread + "-c" + i + "-*")));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> scopes = store.find(IdentityType.USER, "alice").orElseThrow().scopes();
        assertEquals(threads * each, scopes.size());
        assertEquals(threads * each, new HashSet<>(scopes).size());
    }

    @Test
    @DisplayName("two concurrent adds of one identity under alchemiscale's constraint give one node and one AlreadyExists")
    void concurrentAddsUnderConstraint() throws Exception {
        neo4j.query("CREATE CONSTRAINT user_identifier IF NOT EXISTS FOR (n:CredentialedUserIdentity) "
                + "REQUIRE n.identifier IS UNIQUE");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<AddResult> results = new ArrayList<>();
        try {
            Future<AddResult> a = pool.submit(() -> store.add(IdentityType.USER, "race", ApiKey.of("one")));
            Future<AddResult> b = pool.submit(() -> store.add(IdentityType.USER, "race", ApiKey.of("two")));
            results.add(a.get());
            results.add(b.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, results.stream().filter(r -> r instanceof AddResult.Added).count(), results.toString());
        assertEquals(1, results.stream().filter(r -> r instanceof AddResult.AlreadyExists).count(), results.toString());
        assertEquals(1, neo4j.count("MATCH (n:CredentialedUserIdentity {identifier: 'race'}) RETURN count(n)"));
    }

    @Test
    @DisplayName("two concurrent adds of one identity with the same key give one node, one Added and one AlreadyExistsWithKey")
    void concurrentAddsWithTheSameKey() throws Exception {
        neo4j.query("CREATE CONSTRAINT user_identifier IF NOT EXISTS FOR (n:CredentialedUserIdentity) "
                + "REQUIRE n.identifier IS UNIQUE");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<AddResult> results = new ArrayList<>();
        try {
            Future<AddResult> a = pool.submit(() -> store.add(IdentityType.USER, "race", ApiKey.of("same")));
            Future<AddResult> b = pool.submit(() -> store.add(IdentityType.USER, "race", ApiKey.of("same")));
            results.add(a.get());
            results.add(b.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, results.stream().filter(r -> r instanceof AddResult.Added).count(), results.toString());
        assertEquals(1, results.stream().filter(r -> r instanceof AddResult.AlreadyExistsWithKey).count(),
                results.toString());
        assertEquals(1, neo4j.count("MATCH (n:CredentialedUserIdentity {identifier: 'race'}) RETURN count(n)"));
    }

    @Test
    @DisplayName("add on an existing identity writes nothing, and tells a matching key from another one")
    void addExistingComparesTheKey() {
        store.add(IdentityType.COMPUTE, "svc", ApiKey.of("mine"));
        store.addScopes(IdentityType.COMPUTE, "svc", List.of(Scope.parse("acme-*-*")));
        Map<String, Object> before = properties("CredentialedComputeIdentity", "svc");

        AddResult same = store.add(IdentityType.COMPUTE, "svc", ApiKey.of("mine"));
        AddResult other = store.add(IdentityType.COMPUTE, "svc", ApiKey.of("theirs"));
        AddResult generated = store.add(IdentityType.COMPUTE, "svc", ApiKey.generate(new SecureRandom()));

        assertEquals(new AddResult.AlreadyExistsWithKey(new Identity(IdentityType.COMPUTE, "svc", List.of("acme-*-*"),
                false)), same);
        assertInstanceOf(AddResult.AlreadyExists.class, other);
        assertInstanceOf(AddResult.AlreadyExists.class, generated);
        assertEquals(before, properties("CredentialedComputeIdentity", "svc"));
        assertEquals(1, neo4j.count("MATCH (n) RETURN count(n)"));
    }

    @Test
    @DisplayName("add on an existing identity whose stored hash is missing or not bcrypt is AlreadyExists")
    void addExistingWithBrokenHash() {
        neo4j.query("CREATE (:CredentialedEntity:CredentialedUserIdentity {identifier: 'nohash', scopes: [], "
                + "disabled: false}), (:CredentialedEntity:CredentialedUserIdentity {identifier: 'plain', "
                + "hashed_key: 'k', scopes: [], disabled: false})");
        assertInstanceOf(AddResult.AlreadyExists.class, store.add(IdentityType.USER, "nohash", ApiKey.of("k")));
        assertInstanceOf(AddResult.AlreadyExists.class, store.add(IdentityType.USER, "plain", ApiKey.of("k")));
        assertEquals(2, neo4j.count("MATCH (n) RETURN count(n)"));
    }

    @Test
    @DisplayName("add refuses identifiers alchemiscale's pasted /token query cannot be trusted to find, and writes nothing")
    void addRefusesUnusableIdentifiers() {
        for (String id : List.of("o'brien", "back\\slash", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.add(IdentityType.USER, id, ApiKey.of("k")));
            assertInstanceOf(IdentifierRejectedException.class, e);
            assertTrue(e.getMessage().contains("alchemiscale's /token"), e.getMessage());
        }
        assertEquals(0, neo4j.count("MATCH (n) RETURN count(n)"));
    }

    @Test
    @DisplayName("verify matches a disabled identity's key, as alchemiscale's /token does")
    void verifyIgnoresDisabled() {
        store.add(IdentityType.USER, "off", ApiKey.of("k"));
        neo4j.query("MATCH (n:CredentialedUserIdentity {identifier: 'off'}) SET n.disabled = true");

        Verification v = store.verify(IdentityType.USER, "off", ApiKey.of("k"));

        assertEquals(new Verification.Matched(new Identity(IdentityType.USER, "off", List.of(), true)), v);
        assertInstanceOf(Verification.Mismatched.class, store.verify(IdentityType.USER, "off", ApiKey.of("x")));
    }

    @Test
    @DisplayName("update-key changes hashed_key and nothing else")
    void updateKeyTouchesOnlyTheHash() {
        store.add(IdentityType.COMPUTE, "svc", ApiKey.of("old"));
        store.addScopes(IdentityType.COMPUTE, "svc", List.of(Scope.parse("acme-*-*"), Scope.parse("openff-b-c")));
        Map<String, Object> before = new HashMap<>(properties("CredentialedComputeIdentity", "svc"));

        assertInstanceOf(KeyUpdate.Updated.class, store.updateKey(IdentityType.COMPUTE, "svc", ApiKey.of("new")));

        Map<String, Object> after = new HashMap<>(properties("CredentialedComputeIdentity", "svc"));
        assertTrue(!before.get("hashed_key").equals(after.get("hashed_key")));
        before.remove("hashed_key");
        after.remove("hashed_key");
        assertEquals(before, after);
        assertInstanceOf(Verification.Mismatched.class, store.verify(IdentityType.COMPUTE, "svc", ApiKey.of("old")));
        assertInstanceOf(Verification.Matched.class, store.verify(IdentityType.COMPUTE, "svc", ApiKey.of("new")));
    }

    @Test
    @DisplayName("reads older nodes without a scopes list as having none, and writes a list when scopes are added")
    void legacyNodeWithoutScopes() {
        neo4j.query("CREATE (:CredentialedEntity:CredentialedUserIdentity {identifier: 'old', hashed_key: 'x'})");

        assertEquals(List.of(), store.find(IdentityType.USER, "old").orElseThrow().scopes());
        ScopeChange change = store.addScopes(IdentityType.USER, "old", List.of(Scope.parse("a-b-c")));

        assertEquals(List.of("a-b-c"), ((ScopeChange.Applied) change).identity().scopes());
        Value scopes = neo4j.query("MATCH (n:CredentialedUserIdentity {identifier: 'old'}) RETURN n.scopes AS s").get(0).get("s");
        assertEquals(List.of("a-b-c"), scopes.asList(Value::asString));
        assertInstanceOf(Verification.Mismatched.class, store.verify(IdentityType.USER, "old", ApiKey.of("k")));
    }

    @Test
    @DisplayName("repeated scopes in one call are added once and reported once")
    void duplicateScopesInOneCall() {
        store.add(IdentityType.USER, "dup", ApiKey.of("k"));
        ScopeChange.Applied applied = (ScopeChange.Applied) store.addScopes(IdentityType.USER, "dup",
                List.of(Scope.parse("a-b-c"), new Scope("a", "b", "c"), Scope.parse("a-*-*")));
        assertEquals(List.of("a-b-c", "a-*-*"), applied.identity().scopes());
        assertEquals(2, applied.changed().size());
        assertEquals(0, applied.unchanged().size());
    }

    @Test
    @DisplayName("a user and a compute identity may share an identifier and stay independent")
    void typesAreSeparate() {
        assertInstanceOf(AddResult.Added.class, store.add(IdentityType.USER, "carol", ApiKey.of("u")));
        assertInstanceOf(AddResult.Added.class, store.add(IdentityType.COMPUTE, "carol", ApiKey.of("c")));
        store.addScopes(IdentityType.COMPUTE, "carol", List.of(Scope.parse("openff-*-*")));

        assertInstanceOf(RemoveResult.Removed.class, store.remove(IdentityType.USER, "carol"));

        assertEquals(List.of("openff-*-*"), store.find(IdentityType.COMPUTE, "carol").orElseThrow().scopes());
        assertInstanceOf(IdentityNotFound.class, store.remove(IdentityType.USER, "carol"));
        assertEquals(1, neo4j.count("MATCH (n:CredentialedEntity) RETURN count(n)"));
    }
}
