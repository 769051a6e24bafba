package org.statestore.alchemiscale;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.statestore.history.HistoryChain;
import org.statestore.history.HistoryEntry;
import org.statestore.migrate.UnitStatus;

/**
 * alchemiscale's {@code database check} rule plus statestore's own: the database has exactly
 * alchemiscale's four constraints (by name, label and property, as alchemiscale's check demands; any
 * other constraint breaks it, plain indexes do not), its history chain is intact, and no unit is pending,
 * running, failed, changed since it ran, or unknown to this statestore. Reads only.
 */
public final class StoreCheck {

    private static final Set<String> UNIQUENESS = Set.of("UNIQUENESS", "NODE_PROPERTY_UNIQUENESS");

    private final Driver driver;
    private final SessionConfig sessionConfig;

    public StoreCheck(Driver driver, SessionConfig sessionConfig) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
    }

    /** Checks the database against {@code units}, the statuses {@code migrate info} would show. */
    public CheckReport check(List<UnitStatus> units) {
        List<String> findings = new ArrayList<>();
        try (Session session = driver.session(sessionConfig)) {
            constraints(session, findings);
            chain(session, findings);
        }
        units(units, findings);
        return new CheckReport(findings);
    }

    private static void constraints(Session session, List<String> findings) {
        Map<String, Record> present = new HashMap<>();
        for (Record r : session.run("SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties")
                .list()) {
            present.put(r.get("name").asString(), r);
        }
        for (UniqueConstraint expected : UniqueConstraint.ALCHEMISCALE) {
            Record r = present.remove(expected.name());
            if (r == null) {
                findings.add("missing constraint " + expected.describe() + " (run 'statestore database init')");
            } else if (!matches(expected, r)) {
                findings.add("constraint " + expected.name() + " is " + shape(r) + ", expected " + expected.describe());
            }
        }
        present.values().stream().map(r -> r.get("name").asString()).sorted().forEach(name -> findings.add(
                "unexpected constraint " + name + " (" + shape(present.get(name)) + "): alchemiscale's database check "
                        + "accepts exactly its four constraints"));
    }

    private static boolean matches(UniqueConstraint expected, Record r) {
        return UNIQUENESS.contains(r.get("type").asString())
                && "NODE".equals(r.get("entityType").asString())
                && List.of(expected.label()).equals(r.get("labelsOrTypes").asList(v -> v.asString()))
                && List.of(expected.property()).equals(r.get("properties").asList(v -> v.asString()));
    }

    private static String shape(Record r) {
        return r.get("type").asString() + " on " + ("NODE".equals(r.get("entityType").asString()) ? ":" : "[:")
                + String.join("|", r.get("labelsOrTypes").asList(v -> v.asString()))
                + ("NODE".equals(r.get("entityType").asString()) ? "" : "]")
                + "(" + String.join(", ", r.get("properties").asList(v -> v.asString())) + ")";
    }

    /** The chain must be one root whose entries are numbered 1..n without gaps, with no entry off the chain. */
    private void chain(Session session, List<String> findings) {
        Record root = session.run("""
                OPTIONAL MATCH (r:__StatestoreHistory)
                WITH count(r) AS roots, max(r.last_seq) AS lastSeq
                OPTIONAL MATCH (e:__StatestoreEntry)
                RETURN roots, lastSeq, count(e) AS entries""").single();
        long roots = root.get("roots").asLong();
        long entries = root.get("entries").asLong();
        if (roots == 0) {
            if (entries > 0) {
                findings.add("history chain broken: " + entries + " entries but no __StatestoreHistory root");
            }
            return;
        }
        if (roots > 1) {
            findings.add("history chain broken: " + roots + " __StatestoreHistory roots, expected one");
            return;
        }
        List<HistoryEntry> chain = new HistoryChain(driver, sessionConfig).read();
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).seq() != i + 1) {
                findings.add("history chain broken: entry " + (i + 1) + " of the chain has seq " + chain.get(i).seq());
                return;
            }
        }
        long lastSeq = root.get("lastSeq").isNull() ? 0 : root.get("lastSeq").asLong();
        if (lastSeq != chain.size() || entries != chain.size()) {
            findings.add("history chain broken: the root counts " + lastSeq + " entries, " + entries
                    + " entry nodes exist, " + chain.size() + " are reachable from the root");
        }
    }

    private static void units(List<UnitStatus> units, List<String> findings) {
        for (UnitStatus u : units) {
            String name = "unit " + u.version() + " " + u.description();
            switch (u.state()) {
                case PENDING, ABOVE_TARGET -> findings.add(name + " is pending (run 'statestore migrate up')");
                case RUNNING -> findings.add(name + " started and did not finish (run 'statestore migrate up' to rerun it)");
                case FAILED -> findings.add(name + " failed" + u.recorded().flatMap(HistoryEntry::error)
                        .map(e -> ": " + e.message()).orElse(""));
                case MISSING -> findings.add(name + " was applied but this statestore does not ship it (a newer release "
                        + "migrated this database?)");
                case SUCCESS -> {
                    if (u.checksumMatches().orElse(true) == Boolean.FALSE) {
                        findings.add(name + " changed since it was applied (recorded checksum "
                                + u.recorded().map(HistoryEntry::checksum).orElse("") + ", local "
                                + u.local().map(l -> l.checksum()).orElse("") + ")");
                    }
                }
                default -> {
                    // BASELINE and IGNORED are fine: the database had those versions before statestore.
                }
            }
        }
    }
}
