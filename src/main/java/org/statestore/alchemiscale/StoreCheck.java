package org.statestore.alchemiscale;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.MalformedChainException;
import org.statestore.history.internal.HistoryChain;
import org.statestore.migrate.Version;
import org.statestore.migrate.internal.Plan;

/**
 * alchemiscale's {@code database check} (v0.7.2 {@code ss.py:220-244}, unchanged since v0.4), and nothing
 * else: {@code SHOW CONSTRAINTS} counts exactly four, and each of the four names has
 * {@code labelsOrTypes == [label]} and {@code properties == [property]}; the constraint type is not compared.
 * Also the integrity of statestore's history chain, which {@link StoreDoctor} reports. Reads only.
 */
final class StoreCheck {

    private static final Set<String> NAMES = UniqueConstraint.ALCHEMISCALE.stream()
            .map(UniqueConstraint::name).collect(Collectors.toUnmodifiableSet());

    private final Driver driver;
    private final SessionConfig sessionConfig;

    public StoreCheck(Driver driver, SessionConfig sessionConfig) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
    }

    /** alchemiscale's verdict: no problem exactly when alchemiscale's {@code database check} passes. */
    public CheckReport check() {
        try (Session session = driver.session(sessionConfig)) {
            // The history is read only when a constraint must be created: a passing check costs one query.
            BooleanSupplier initCreates = new BooleanSupplier() {
                private Boolean known;

                @Override
                public boolean getAsBoolean() {
                    if (known == null) {
                        known = initCreates();
                    }
                    return known;
                }
            };
            return new CheckReport(constraints(session, initCreates));
        }
    }

    /**
     * Whether {@code statestore database init} would create the constraints: only while no unit from 0.1.0 on
     * is applied or baselined. After that, init has nothing pending and a dropped constraint needs its Cypher.
     */
    private boolean initCreates() {
        Map<String, HistoryEntry> newest = new HashMap<>();
        for (HistoryEntry e : new HistoryChain(driver, sessionConfig).read()) {
            newest.merge(e.version(), e, (a, b) -> a.seq() >= b.seq() ? a : b);
        }
        return newest.values().stream().noneMatch(e -> !Plan.isRepeatable(e)
                && (e.state() == EntryState.SUCCESS || e.state() == EntryState.BASELINE
                        || e.state() == EntryState.SKIPPED)
                && atLeast(e.version(), Version.parse("0.1.0")));
    }

    private static boolean atLeast(String recorded, Version version) {
        try {
            return Version.parse(recorded).compareTo(version) >= 0;
        } catch (IllegalArgumentException e) {
            return false; // not a version statestore writes (imported from another tool): init ignores it too
        }
    }

    /** The command that creates {@code c}. */
    private static String create(UniqueConstraint c, BooleanSupplier initCreates) {
        return initCreates.getAsBoolean() ? "statestore database init" : "run " + c.createStatement() + " (cypher-shell; "
                + "statestore database init creates nothing once unit 0.1.0 has run)";
    }

    /** A constraint as {@code SHOW CONSTRAINTS} lists it. */
    private record Present(String name, String type, String entityType, List<String> labelsOrTypes,
                           List<String> properties) {

        static Present of(Record r) {
            return new Present(r.get("name").asString(), r.get("type").asString(""), r.get("entityType").asString(""),
                    r.get("labelsOrTypes").asList(v -> v.asString(), List.of()),
                    r.get("properties").asList(v -> v.asString(), List.of()));
        }

        /** alchemiscale's comparison: label and property only. */
        boolean shapedAs(UniqueConstraint c) {
            return labelsOrTypes.equals(List.of(c.label())) && properties.equals(List.of(c.property()));
        }

        String shape() {
            boolean node = "NODE".equals(entityType);
            return type + " on " + (node ? ":" : "[:") + String.join("|", labelsOrTypes) + (node ? "" : "]")
                    + "(" + String.join(", ", properties) + ")";
        }
    }

    private static List<Finding> constraints(Session session, BooleanSupplier initCreates) {
        Map<String, Present> present = new LinkedHashMap<>();
        for (Record r : session.run("SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties "
                + "RETURN * ORDER BY name").list()) {
            present.put(r.get("name").asString(), Present.of(r));
        }
        int total = present.size();
        List<Finding> findings = new ArrayList<>();
        for (UniqueConstraint expected : UniqueConstraint.ALCHEMISCALE) {
            Present p = present.remove(expected.name());
            if (p != null && !p.shapedAs(expected)) {
                findings.add(constraint("constraint " + expected.name() + " is " + p.shape() + ", alchemiscale expects "
                        + expected.describe(), drop(expected.name()) + ", then " + create(expected, initCreates)));
            } else if (p == null) {
                // Under another name, init's CREATE ... IF NOT EXISTS sees the equivalent one and creates nothing.
                Optional<Present> renamed = present.values().stream()
                        .filter(o -> !NAMES.contains(o.name()) && o.shapedAs(expected)).findFirst();
                if (renamed.isPresent()) {
                    present.remove(renamed.get().name());
                    findings.add(constraint("constraint " + expected.name() + " is named " + renamed.get().name()
                                    + " (" + renamed.get().shape() + "); alchemiscale looks it up by name",
                            drop(renamed.get().name()) + ", then " + create(expected, initCreates)));
                } else {
                    findings.add(constraint("missing constraint " + expected.describe(), create(expected, initCreates)));
                }
            }
        }
        for (Present extra : present.values()) {
            findings.add(constraint("unexpected constraint " + extra.name() + " (" + extra.shape() + "): alchemiscale's "
                    + "check accepts exactly its four constraints, this database has " + total, drop(extra.name())));
        }
        return findings;
    }

    private static Finding constraint(String problem, String fix) {
        return new Finding(Finding.Kind.CONSTRAINT, problem, 1, fix);
    }

    /** The Cypher that drops a constraint, for the operator to run (statestore drops none but its own). */
    private static String drop(String name) {
        return "run DROP CONSTRAINT `" + name.replace("`", "``") + "` (cypher-shell)";
    }

    /**
     * The history chain's integrity as the chain reader judges it (one root, one path, seq 1..n, required fields).
     * Empty when intact, or when statestore never wrote a chain.
     */
    public List<Finding> chain() {
        try {
            new HistoryChain(driver, sessionConfig).read();
            return List.of();
        } catch (MalformedChainException e) {
            return List.of(new Finding(Finding.Kind.HISTORY_CHAIN, "history chain broken: " + e.defect(), 1,
                    "restore a backup taken before the damage (statestore backup restore FILE --replace --yes)"));
        }
    }
}
