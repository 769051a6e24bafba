package org.statestore.upgrade.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * What any upgrade of the shared 4.4 fixture must hold, wherever it landed (embedded store or a server), as the
 * fixture's README describes it: the counts, a NetworkMark per network by the reference formula, the five identities
 * with their keys and scopes, and the history chain.
 */
final class UpgradedFixture {

    /** Identities from the fixture README: type, identifier, plaintext key, scopes. */
    static final List<String[]> IDENTITIES = List.of(
            new String[] {"CredentialedUserIdentity", "alice", "cd613e30d8f16adf91b7584a2265b1f5", "[acme-*-*]"},
            new String[] {"CredentialedUserIdentity", "bob", "1e2feb89414c343c1027c4d1c386bbc4", "[]"},
            new String[] {"CredentialedUserIdentity", "carol", "78e510617311d8a3c2ce6f447ed4d57b",
                "[openff-benchmark-tyk2_2023, acme-tyk2_2023-fep_round1]"},
            new String[] {"CredentialedComputeIdentity", "carol", "35bf992dc9e9c616612e7696a6cecc1b", "[openff-*-*]"},
            new String[] {"CredentialedComputeIdentity", "gpu-cluster-01", "e4b06ce60741c7a87ce42c8218072e8c", "[*-*-*]"});

    /** Nodes and relationships that are not statestore's own (history, lease). */
    private static final String NOT_OWN = "NONE(l IN labels(n) WHERE l STARTS WITH '__Statestore')";

    private UpgradedFixture() {
    }

    /** The README's 151 nodes and 169 relationships, plus one NetworkMark and one MARKS per network (12). */
    static void assertCounts(Session s) {
        assertEquals(151 + 12, count(s, "MATCH (n) WHERE " + NOT_OWN + " RETURN count(n)"));
        assertEquals(169 + 12, count(s, "MATCH (n)-[r]->() WHERE " + NOT_OWN + " RETURN count(r)"));
        assertEquals(79, count(s, "MATCH (t:Task) RETURN count(t)"));
        assertEquals(24, count(s, "MATCH (:ComputeServiceRegistration)-[c:CLAIMS]->(:Task) RETURN count(c)"));
        assertEquals(List.of("compute_identifier", "compute_service_registration_identifier", "scoped_key",
                "user_identifier"), s.run("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name")
                .list(x -> x.get(0).asString()));
    }

    /** Each of the 12 networks has exactly one active NetworkMark whose keys follow alchemiscale's formula. */
    static void assertMarks(Session s) {
        List<Record> networks = s.run("MATCH (n:AlchemicalNetwork) OPTIONAL MATCH (m)-[r:MARKS]->(n) "
                + "RETURN n._scoped_key AS key, n._org AS org, n._campaign AS campaign, n._project AS project, "
                + "collect(m) AS marks, collect(r) AS rels").list();
        assertEquals(12, networks.size());
        for (Record n : networks) {
            assertEquals(1, n.get("marks").size(), n.get("key").asString());
            Value mark = n.get("marks").get(0);
            String gufe = "NetworkMark-" + md5(n.get("key").asString());
            String scope = n.get("org").asString() + "-" + n.get("campaign").asString() + "-"
                    + n.get("project").asString();
            assertEquals(List.of("GufeTokenizable", "NetworkMark"), sorted(mark.asNode().labels()));
            assertEquals(gufe, mark.get("_gufe_key").asString());
            assertEquals(gufe + "-" + scope, mark.get("_scoped_key").asString());
            assertEquals(n.get("key").asString(), mark.get("target").asString());
            assertEquals("active", mark.get("state").asString());
            assertEquals(1L, mark.get(":version:").asLong());
            assertEquals(List.of(), mark.get("_json_props").asList());
            assertEquals("alchemiscale.storage.models", mark.get("__module__").asString());
            assertEquals(n.get("org").asString(), n.get("rels").get(0).get("_org").asString());
        }
    }

    /** The five identities verify with their plaintext keys (bcrypt) and keep their scopes. */
    static void assertIdentities(Session s) {
        for (String[] id : IDENTITIES) {
            Record r = s.run("MATCH (i:CredentialedEntity) WHERE $label IN labels(i) AND i.identifier = $id "
                    + "RETURN i.hashed_key AS h, i.scopes AS scopes", Map.of("label", id[0], "id", id[1])).single();
            assertTrue(BCrypt.verifyer().verify(id[2].getBytes(StandardCharsets.UTF_8),
                    r.get("h").asString().getBytes(StandardCharsets.UTF_8)).verified, id[1]);
            assertEquals(id[3], r.get("scopes").asList().toString());
        }
    }

    /** The history chain's entries, oldest first, as {@code version:state}. */
    static List<String> history(Session s) {
        return s.run("MATCH (:__StatestoreHistory)-[:NEXT*]->(e) RETURN e.version + ':' + e.state AS x ORDER BY e.seq")
                .list(x -> x.get(0).asString());
    }

    static long count(Session s, String cypher) {
        return s.run(cypher).single().get(0).asLong();
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> sorted(Iterable<String> values) {
        List<String> list = new ArrayList<>();
        values.forEach(list::add);
        list.sort(null);
        return list;
    }
}
