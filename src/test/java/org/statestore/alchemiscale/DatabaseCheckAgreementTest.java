package org.statestore.alchemiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neo4j.driver.Record;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("statestore database check agrees with alchemiscale's database check")
class DatabaseCheckAgreementTest {

    private static final TestNeo4j NEO4J = TestNeo4j.get();

    /**
     * alchemiscale v0.7.2's check (ss.py:220-244), restated here independently of statestore: the constraints
     * SHOW CONSTRAINTS lists, keyed by name, number exactly four; each of its four names is present (a missing
     * one is a KeyError, i.e. the check fails) with labelsOrTypes == [label] and properties == [property].
     */
    static boolean alchemiscalePasses(List<Record> showConstraints) {
        Map<String, Record> byName = new HashMap<>();
        showConstraints.forEach(r -> byName.put(r.get("name").asString(), r));
        Map<String, List<String>> expected = Map.of(
                "GufeTokenizable", List.of("scoped_key", "_scoped_key"),
                "CredentialedUserIdentity", List.of("user_identifier", "identifier"),
                "CredentialedComputeIdentity", List.of("compute_identifier", "identifier"),
                "ComputeServiceRegistration", List.of("compute_service_registration_identifier", "identifier"));
        if (byName.size() != expected.size()) {
            return false;
        }
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            Record c = byName.get(e.getValue().get(0));
            if (c == null) {
                return false;
            }
            if (!(c.get("labelsOrTypes").asList(v -> v.asString()).equals(List.of(e.getKey()))
                    && c.get("properties").asList(v -> v.asString()).equals(List.of(e.getValue().get(1))))) {
                return false;
            }
        }
        return true;
    }

    private static CliRun cli(String... args) {
        return CliRun.run(NEO4J.env(), args);
    }

    private static void up(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "migrate";
        all[1] = "up";
        System.arraycopy(args, 0, all, 2, args.length);
        CliRun run = cli(all);
        assertEquals(0, run.exitCode(), run::toString);
    }

    static Stream<Arguments> stores() {
        return Stream.of(
                store("right after database init (0.4.0 and 0.7.x pending)", true, n -> assertEquals(0,
                        cli("database", "init").exitCode())),
                store("fully migrated (migrate up)", true, n -> up()),
                store("a v0.3 store with its task_status index, stopped at 0.4.0", true, n -> {
                    V03Stores.seed(n, 3);
                    up("--target", "0.4.0");
                }),
                store("an empty database", false, n -> { }),
                store("one constraint missing", false, n -> {
                    up();
                    n.query("DROP CONSTRAINT compute_service_registration_identifier");
                }),
                store("an extra constraint", false, n -> {
                    up();
                    n.query("CREATE CONSTRAINT task_key FOR (t:Task) REQUIRE t._gufe_key IS UNIQUE");
                }),
                store("an extra relationship constraint", false, n -> {
                    up();
                    n.query("CREATE CONSTRAINT claim_id FOR ()-[c:CLAIMS]-() REQUIRE c.id IS UNIQUE");
                }),
                store("a constraint on the wrong property", false, n -> {
                    up();
                    n.query("DROP CONSTRAINT user_identifier");
                    n.query("CREATE CONSTRAINT user_identifier FOR (u:CredentialedUserIdentity) REQUIRE u.email IS UNIQUE");
                }),
                store("a constraint on the wrong label", false, n -> {
                    up();
                    n.query("DROP CONSTRAINT user_identifier");
                    n.query("CREATE CONSTRAINT user_identifier FOR (u:CredentialedEntity) REQUIRE u.identifier IS UNIQUE");
                }),
                store("a renamed constraint (four constraints, one name missing)", false, n -> {
                    up();
                    n.query("DROP CONSTRAINT scoped_key");
                    n.query("CREATE CONSTRAINT scoped_key_v2 FOR (g:GufeTokenizable) REQUIRE g._scoped_key IS UNIQUE");
                }),
                store("a composite constraint under the right name", false, n -> {
                    up();
                    n.query("DROP CONSTRAINT compute_identifier");
                    n.query("CREATE CONSTRAINT compute_identifier FOR (c:CredentialedComputeIdentity) "
                            + "REQUIRE (c.identifier, c.hashed_key) IS UNIQUE");
                }),
                store("plain indexes beside the four constraints", true, n -> {
                    up();
                    n.query("CREATE INDEX task_status FOR (t:Task) ON (t.status)");
                    n.query("CREATE TEXT INDEX network_name FOR (a:AlchemicalNetwork) ON (a.name)");
                }));
    }

    private static Arguments store(String name, boolean passes, Consumer<TestNeo4j> build) {
        return Arguments.of(name, passes, build);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    @DisplayName("exit 0 exactly where alchemiscale's rule passes, exit 6 with findings elsewhere")
    void agrees(String name, boolean passes, Consumer<TestNeo4j> build) {
        NEO4J.reset();
        build.accept(NEO4J);
        boolean alchemiscale = alchemiscalePasses(NEO4J.query(
                "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN *"));
        assertEquals(passes, alchemiscale, "the store is built as described: " + name);

        CliRun run = cli("database", "check");

        assertEquals(alchemiscale ? 0 : 6, run.exitCode(), run::toString);
        if (alchemiscale) {
            assertEquals("No inconsistencies found in database.", run.out().strip(), run::toString);
        } else {
            assertEquals(true, run.out().lines().count() > 0 && run.out().lines().allMatch(l -> l.contains("; fix: ")),
                    run::toString);
        }
    }
}
