package org.statestore.alchemiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.history.internal.HistoryChain;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@DisplayName("the bundled units for the alchemiscale release an operator runs")
class ReleaseLineTest {

    /** alchemiscale v0.7.2's claim check, verbatim (statestore.py:1609-1613). */
    static final String V072_CLAIM_CHECK = """
            UNWIND $compute_service_ids as compute_service_id
            MATCH (cs:ComputeServiceRegistration {identifier: compute_service_id})
            SET cs.failure_times = [entry IN cs.failure_times WHERE entry > datetime($forgive_time)]
            RETURN size(cs.failure_times) as n_failures""";

    private final TestNeo4j neo4j = TestNeo4j.get();

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private List<String> chain() {
        return new HistoryChain(neo4j.driver(), org.neo4j.driver.SessionConfig.forDatabase("neo4j")).read().stream()
                .map(e -> e.version() + ":" + e.state().label()).toList();
    }

    private List<Object> claimCheck(List<String> ids) {
        // Run as alchemiscale runs it, then rolled back: the check writes the filtered list.
        try (var session = neo4j.driver().session(); var tx = session.beginTransaction()) {
            List<Object> n = tx.run(V072_CLAIM_CHECK, Map.of("compute_service_ids", ids,
                    "forgive_time", "2026-11-01T00:00:00+00:00")).list(r -> r.get("n_failures").asObject());
            tx.rollback();
            return n;
        }
    }

    @Test
    @DisplayName("0.7.1 gives every registration without failure_times an empty list, so v0.7.2's claim check "
            + "counts 0 failures instead of null, and keeps lists alchemiscale wrote")
    void failureTimesForOldRegistrations() {
        V03Stores.seed(neo4j, 3);
        neo4j.query("CREATE (:ComputeServiceRegistration {identifier: 'svc-v07-' + randomUUID(), "
                + "failure_times: [datetime('2026-11-20T10:00:00Z')]})");
        List<String> old = neo4j.query("MATCH (c:ComputeServiceRegistration) WHERE c.failure_times IS NULL "
                + "RETURN c.identifier AS id ORDER BY id").stream().map(r -> r.get("id").asString()).toList();
        assertEquals(2, old.size());
        assertEquals(java.util.Arrays.asList(null, null), claimCheck(old), "before 0.7.1 the check gets null");

        CliRun run = CliRun.run(neo4j.env(), "migrate", "up");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("0.3.0:baseline", "0.4.0:success", "0.7.0:success", "0.7.1:success"), chain());
        assertEquals(List.of(0L, 0L), claimCheck(old));
        assertEquals(1, neo4j.count("MATCH (c:ComputeServiceRegistration) WHERE size(c.failure_times) = 1 "
                + "RETURN count(c)"), "a list v0.7 wrote is kept");
        assertEquals(0, neo4j.count("MATCH (c:ComputeServiceRegistration) WHERE c.failure_times IS NULL RETURN count(c)"));
    }

    @Test
    @DisplayName("a store already at 0.7.0 gets failure_times from 0.7.1 alone")
    void storeAtSevenGetsFailureTimes() {
        V03Stores.seed(neo4j, 2);
        assertEquals(0, CliRun.run(neo4j.env(), "migrate", "up", "--target", "0.7.0").exitCode());
        assertEquals(2, neo4j.count("MATCH (c:ComputeServiceRegistration) WHERE c.failure_times IS NULL RETURN count(c)"));

        CliRun run = CliRun.run(neo4j.env(), "migrate", "up");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("applied 0.7.1 FailureTimes"), run::toString);
        assertEquals(0, neo4j.count("MATCH (c:ComputeServiceRegistration) WHERE c.failure_times IS NULL RETURN count(c)"));
    }

    @Test
    @DisplayName("a bundled migrate up says which alchemiscale releases the store serves and how to stop earlier")
    void upNamesTheReleasesItServes() throws Exception {
        CliRun full = CliRun.run(neo4j.env(), "migrate", "up");
        assertEquals(0, full.exitCode(), full::toString);
        assertTrue(full.out().contains("serves alchemiscale v0.7.x (bundled target 0.7.1); for an older server stop "
                + "earlier: --target 0.4.0 for v0.4.x to v0.6.x, --target 0.1.0 for v0.1.x to v0.3.x"), full::toString);

        neo4j.reset();
        CliRun json = CliRun.run(neo4j.env(), "migrate", "up", "--target", "0.4.0", "--output", "json");
        assertEquals(0, json.exitCode(), json::toString);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals("v0.4.x to v0.6.x", doc.at("/alchemiscale/serves").asText());
        assertEquals("0.4.0", doc.at("/alchemiscale/target").asText());
        assertEquals("0.1.0", doc.at("/alchemiscale/stopEarlier/0/target").asText());

        CliRun between = CliRun.run(neo4j.env(), "migrate", "up", "--target", "0.7.0");
        assertTrue(between.out().contains("serves no alchemiscale release line completely"), between::toString);

        CliRun own = CliRun.run(neo4j.env(), "migrate", "up", "--no-bundled");
        assertTrue(!own.out().contains("alchemiscale"), own::toString);
    }

    @Test
    @DisplayName("a NetworkMark left without its MARKS is reattached with state 'active', as alchemiscale's script does")
    void orphanMarkBecomesActive() {
        String target = "AlchemicalNetwork-66d7676b10a1fd9cb3f75e6e2e7f6e9c-my_org-my_campaign-my_project";
        String gufe = "NetworkMark-01219fabcf6fb5ce6353c2f52b899c1d";
        neo4j.query("CREATE (:GufeTokenizable:AlchemicalNetwork {_scoped_key: $k, _org: 'my_org', "
                + "_campaign: 'my_campaign', _project: 'my_project'}) "
                + "CREATE (:GufeTokenizable:NetworkMark {_scoped_key: $m, _gufe_key: $g, target: $k, state: 'deleted'})",
                Map.of("k", target, "g", gufe, "m", gufe + "-my_org-my_campaign-my_project"));

        CliRun run = CliRun.run(neo4j.env(), "migrate", "up", "--target", "0.4.0");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, neo4j.count("MATCH (m:NetworkMark) RETURN count(m)"));
        assertEquals(1, neo4j.count("MATCH (m:NetworkMark {state: 'active', __qualname__: 'NetworkMark'})"
                + "-[:MARKS]->(:AlchemicalNetwork) RETURN count(m)"));
    }

    @Test
    @DisplayName("a failed database init reruns once its cause is fixed, without migrate repair")
    void failedInitReruns() {
        neo4j.query("CREATE (:CredentialedEntity:CredentialedUserIdentity {identifier: 'alice', scopes: []}), "
                + "(:CredentialedEntity:CredentialedUserIdentity {identifier: 'alice', scopes: []})");

        CliRun failed = CliRun.run(neo4j.env(), "database", "init");
        assertEquals(7, failed.exitCode(), failed::toString);
        assertEquals(List.of("0.1.0:failed"), chain());

        neo4j.query("MATCH (n:CredentialedUserIdentity) WITH n LIMIT 1 DELETE n");
        CliRun again = CliRun.run(neo4j.env(), "database", "init");

        assertEquals(0, again.exitCode(), again::toString);
        assertEquals(List.of("0.1.0:failed", "0.1.0:success"), chain());
        assertEquals(4, neo4j.constraintNames().size());
        CliRun up = CliRun.run(neo4j.env(), "migrate", "up", "--target", "0.1.0");
        assertEquals(0, up.exitCode(), "migrate up sees the init applied: " + up);
    }
}
