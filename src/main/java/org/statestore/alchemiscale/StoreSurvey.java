package org.statestore.alchemiscale;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.neo4j.driver.Session;

/**
 * The facts about a database that tell which alchemiscale release wrote it, read without writing anything.
 * statestore's own {@code __Statestore*} nodes (history, lock) never count as data.
 *
 * @param networks          AlchemicalNetwork nodes
 * @param unmarkedNetworks  AlchemicalNetworks with no incoming MARKS from a NetworkMark
 * @param networkMarks      NetworkMark nodes
 * @param nope              whether the {@code :NOPE} node that alchemiscale v0.3's init created is present
 * @param hasData           whether any node other than statestore's own exists
 * @param constraints       which of alchemiscale's four constraint names exist
 */
public record StoreSurvey(long networks, long unmarkedNetworks, long networkMarks, boolean nope, boolean hasData,
                          Set<String> constraints) {

    /** The Cypher predicate "n is one of statestore's own nodes", by label prefix. */
    static final String STATESTORE_NODE = "any(l IN labels(n) WHERE l STARTS WITH '__Statestore')";

    public StoreSurvey {
        constraints = Set.copyOf(constraints);
    }

    /** Surveys the database {@code session} is open on. The unmarked count reads every network once. */
    public static StoreSurvey of(Session session) {
        long networks = single(session, "MATCH (n:AlchemicalNetwork) RETURN count(n)");
        long unmarked = networks == 0 ? 0 : single(session, """
                MATCH (n:AlchemicalNetwork)
                WHERE NOT EXISTS { (n)<-[:MARKS]-(:NetworkMark) }
                RETURN count(n)""");
        long marks = single(session, "MATCH (m:NetworkMark) RETURN count(m)");
        boolean nope = single(session, "MATCH (n:NOPE) RETURN count(n)") > 0;
        boolean hasData = networks > 0 || marks > 0 || nope || hasNonStatestoreNode(session);
        List<String> four = UniqueConstraint.ALCHEMISCALE.stream().map(UniqueConstraint::name).toList();
        Set<String> present = session.run("SHOW CONSTRAINTS YIELD name WHERE name IN $names RETURN name",
                        Map.of("names", four))
                .list(r -> r.get("name").asString()).stream().collect(Collectors.toSet());
        return new StoreSurvey(networks, unmarked, marks, nope, hasData, present);
    }

    /** Whether any node other than statestore's own exists (stops at the first one found). */
    static boolean hasNonStatestoreNode(Session session) {
        return session.run("RETURN EXISTS { MATCH (n) WHERE NOT " + STATESTORE_NODE + " } AS found")
                .single().get("found").asBoolean();
    }

    private static long single(Session session, String cypher) {
        return session.run(cypher).single().get(0).asLong();
    }

    public boolean allConstraints() {
        return constraints.size() == UniqueConstraint.ALCHEMISCALE.size();
    }

    /** The survey as one line of evidence for a baseline entry. */
    public String evidence() {
        return "networks: " + networks + ", unmarked: " + unmarkedNetworks + ", NetworkMarks: " + networkMarks
                + ", constraints present: " + constraints.size() + " of " + UniqueConstraint.ALCHEMISCALE.size()
                + ", :NOPE present: " + (nope ? "yes" : "no");
    }
}
