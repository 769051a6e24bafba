package org.statestore.alchemiscale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.TypeSystem;
import org.statestore.alchemiscale.internal.Quoting;
import org.statestore.alchemiscale.internal.ReleaseTargets;
import org.statestore.history.HistoryEntry;
import org.statestore.identity.IdentityType;
import org.statestore.migrate.UnitStatus;
import org.statestore.migrate.Version;

/**
 * Lists what one alchemiscale release cannot read in a store, each finding with the command that fixes it
 * (see the project's reference, "Release by release"). Reads only. Pending units are not findings: what a
 * pending unit would change shows up as the data it has not fixed yet.
 */
final class StoreDoctor {

    private final Driver driver;
    private final SessionConfig sessionConfig;

    public StoreDoctor(Driver driver, SessionConfig sessionConfig) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
    }

    /** Examines the store for {@code release}; {@code units} are the statuses {@code migrate info} shows. */
    public DoctorReport examine(AlchemiscaleRelease release, List<UnitStatus> units) {
        StoreCheck check = new StoreCheck(driver, sessionConfig);
        List<Finding> findings = new ArrayList<>(check.check().problems());
        findings.addAll(check.chain());
        findings.addAll(units(units));
        try (Session session = driver.session(sessionConfig)) {
            if (release.networkMarks()) {
                unmarkedNetworks(session, release, units, findings);
            }
            times(session, release, units, findings);
            if (release.zonedTimes()) {
                failureTimes(session, units, findings);
            }
            if (release.afterNewest()) {
                computeServiceIds(session, findings);
            }
            identities(session, findings);
        }
        return new DoctorReport(release, findings);
    }

    /** The history's problems among {@code units}: running, failed, edited, or applied and not shipped here. */
    static List<Finding> units(List<UnitStatus> units) {
        List<Finding> findings = new ArrayList<>();
        for (UnitStatus u : units) {
            String name = "unit " + (u.repeatable() ? "R " : u.version() + " ") + u.description();
            String v = u.version().text();
            switch (u.state()) {
                case RUNNING -> findings.add(new Finding(Finding.Kind.UNIT_RUNNING, name + " started and did not finish",
                        1, "statestore migrate up (waits for the migration lock, then reruns it)"));
                case FAILED -> {
                    HistoryEntry run = u.recorded().orElseThrow();
                    boolean retries = run.retryRequested() || u.checksumMatches().orElse(true) == Boolean.FALSE;
                    findings.add(new Finding(Finding.Kind.UNIT_FAILED, name + " failed"
                            + run.error().map(e -> ": " + e.message().lines().findFirst().orElse("")).orElse(""), 1,
                            u.local().isEmpty() ? forget(v)
                                    : retries ? "statestore migrate up (the unit is marked for retry or changed since "
                                            + "it failed)"
                                    : "fix its cause, then statestore migrate repair, then statestore migrate up"));
                }
                case SUCCESS -> {
                    if (u.checksumMatches().orElse(true) == Boolean.FALSE) {
                        findings.add(new Finding(Finding.Kind.UNIT_EDITED, name + " changed since it was applied "
                                + "(recorded checksum " + u.recorded().map(HistoryEntry::checksum).orElse("")
                                + ", local " + u.local().map(l -> l.checksum()).orElse("") + ")", 1,
                                "statestore migrate repair --accept-checksum " + v
                                        + " (when the edit is intended; else restore the unit as applied)"));
                    }
                }
                case MISSING -> findings.add(new Finding(Finding.Kind.UNIT_MISSING, name + " was applied but this "
                        + "statestore does not ship it", 1, forget(v)));
                case FUTURE -> findings.add(new Finding(Finding.Kind.UNIT_MISSING, name + " was applied by a newer "
                        + "statestore: this one cannot tell what it changed", 1,
                        "run statestore database doctor from a statestore release that ships unit " + v));
                default -> {
                    // Pending, undone, out of order: nothing applied yet to judge. Baseline, ignored, forgotten,
                    // skipped: fine by definition.
                }
            }
        }
        return findings;
    }

    private static String forget(String version) {
        return "statestore migrate repair --forget " + version + " (when it was deleted on purpose), or run the "
                + "statestore that ships it";
    }

    /** Whether bundled unit {@code unit} has run (or the store was baselined at it). */
    static boolean ran(List<UnitStatus> units, String unit) {
        Version v = Version.parse(unit);
        return units.stream().anyMatch(u -> applied(u) && u.version().equals(v));
    }

    /** Recorded as applied, whether or not this statestore ships the unit. */
    private static boolean applied(UnitStatus u) {
        return !u.repeatable() && switch (u.state()) {
            case SUCCESS, BASELINE, MISSING, FUTURE -> true;
            default -> false;
        };
    }

    /**
     * The fix that makes bundled unit {@code unit} do its work: {@code up} while it has not run; once it has
     * (data an older alchemiscale wrote since), {@code up} skips it, so it is undone first.
     */
    static String rerun(List<UnitStatus> units, String unit, String up, String undoLoses) {
        Version v = Version.parse(unit);
        Optional<Version> below = units.stream().filter(u -> applied(u) && u.version().compareTo(v) < 0)
                .map(UnitStatus::version).max(Version::compareTo);
        if (!ran(units, unit) || below.isEmpty()) {
            return up + " (unit " + unit + ")";
        }
        return "unit " + unit + " already ran, so " + up + " alone skips it: statestore migrate undo --to "
                + below.get().text() + undoLoses + ", then " + up;
    }

    private static void unmarkedNetworks(Session session, AlchemiscaleRelease release, List<UnitStatus> units,
                                         List<Finding> findings) {
        long n = count(session, """
                MATCH (n:AlchemicalNetwork)
                WHERE NOT EXISTS { (n)<-[:MARKS]-(:NetworkMark) }
                RETURN count(n)""", Map.of());
        if (n > 0) {
            findings.add(new Finding(Finding.Kind.UNMARKED_NETWORKS, n + " AlchemicalNetwork(s) without a NetworkMark: "
                    + "v0.4+ reads each network's state from its mark", n, rerun(units, "0.4.0",
                    release.zonedTimes() ? "statestore migrate up" : "statestore migrate up --target 0.4.0",
                    " (which also deletes the existing marks, and so their states)")));
        }
    }

    /** The time properties v0.7 switched from LocalDateTime to zoned DateTime, each counted in the wrong type. */
    private static void times(Session session, AlchemiscaleRelease release, List<UnitStatus> units,
                              List<Finding> findings) {
        String wrongType = release.zonedTimes() ? "LOCAL DATETIME" : "ZONED DATETIME";
        for (V0_7_0__UtcTimestamps.TimeProperty p : V0_7_0__UtcTimestamps.PROPERTIES) {
            // Patterns and keys come from the unit's fixed list; Cypher cannot take them as parameters.
            String x = p.variable() + "." + p.key();
            long n = count(session, "MATCH " + p.pattern() + " WHERE " + x + " IS :: " + wrongType
                    + " NOT NULL RETURN count(*)", Map.of());
            if (n == 0) {
                continue;
            }
            if (release.zonedTimes()) {
                findings.add(new Finding(Finding.Kind.LOCAL_TIMES, n + " LocalDateTime value(s) of " + p.describe()
                        + ": v0.7+ compares them with zoned DateTime, and the comparison is null", n,
                        rerun(units, "0.7.0", "statestore migrate up", "")));
            } else {
                findings.add(new Finding(Finding.Kind.ZONED_TIMES, n + " zoned DateTime value(s) of " + p.describe()
                        + ": releases before v0.7 compare them with localdatetime(...), and the comparison is null "
                        + "(dead compute services never expire)", n, ran(units, "0.7.0") ? "statestore migrate undo --to 0.4.0"
                        : "statestore migrate up --target 0.7.0, then statestore migrate undo --to 0.4.0 (a v0.7+ "
                                + "server wrote them; undoing unit 0.7.0 converts every zoned value back)"));
            }
        }
    }

    private static void failureTimes(Session session, List<UnitStatus> units, List<Finding> findings) {
        long n = count(session, "MATCH (c:ComputeServiceRegistration) WHERE c.failure_times IS NULL RETURN count(c)",
                Map.of());
        if (n > 0) {
            findings.add(new Finding(Finding.Kind.FAILURE_TIMES, n + " compute service registration(s) without "
                    + "failure_times: v0.7's claim check computes size(failure_times) and the claim fails (HTTP 500)",
                    n, rerun(units, "0.7.1", "statestore migrate up", "")));
        }
    }

    private static void computeServiceIds(Session session, List<Finding> findings) {
        List<String> rejected = new ArrayList<>();
        for (Record r : session.run("MATCH (c:ComputeServiceRegistration) RETURN c.identifier AS identifier "
                + "ORDER BY identifier").list()) {
            Optional<String> id = text(r.get("identifier"));
            ComputeServiceId.problem(id.orElse(null)).ifPresent(why ->
                    rejected.add(id.map(Quoting::literal).orElse(r.get("identifier").toString()) + " (" + why + ")"));
        }
        if (!rejected.isEmpty()) {
            int shown = Math.min(3, rejected.size());
            findings.add(new Finding(Finding.Kind.COMPUTE_SERVICE_ID, rejected.size() + " compute service "
                    + "registration(s) with an identifier alchemiscale after v" + ReleaseTargets.NEWEST_RELEASE
                    + " rejects (not " + ComputeServiceId.FORM + "), e.g. " + String.join(", ", rejected.subList(0, shown))
                    + (rejected.size() > shown ? ", ..." : ""), rejected.size(),
                    "drain compute services, then statestore database expire-registrations --nonconforming"));
        }
    }

    /** The identity's string identifier; empty for a missing or non-string one. */
    static Optional<String> text(Value v) {
        return v.hasType(TypeSystem.getDefault().STRING()) ? Optional.of(v.asString()) : Optional.empty();
    }

    /** Identities alchemiscale's /token lookup cannot match: it pastes the identifier into a quoted Cypher string. */
    private static void identities(Session session, List<Finding> findings) {
        for (IdentityType type : IdentityType.values()) {
            // The label comes from the fixed enum; the identifier test is parameterised.
            for (Record r : session.run("MATCH (n:" + type.label() + ") WHERE n.identifier IS :: STRING NOT NULL "
                    + "AND (n.identifier = '' OR n.identifier CONTAINS $quote OR n.identifier CONTAINS $backslash) "
                    + "RETURN n.identifier AS identifier ORDER BY identifier",
                    Map.of("quote", "'", "backslash", "\\")).list()) {
                String id = r.get("identifier").asString();
                String problem = id.isEmpty()
                        ? type.cliName() + " identity with an empty identifier can never log in: alchemiscale's /token form "
                                + "takes an empty username for a missing one"
                        : type.cliName() + " identity " + Quoting.literal(id) + " can never log in: alchemiscale's "
                                + "/token lookup pastes the identifier into a quoted Cypher string, which its "
                                + (id.contains("'") ? "'" : "\\") + " breaks (HTTP 500)";
                findings.add(new Finding(Finding.Kind.IDENTITY_IDENTIFIER, problem, 1, "statestore identity remove -t "
                        + type.cliName() + " -i " + Quoting.shellWord(id) + " --yes, then add it again under a plain "
                        + "identifier (statestore identity add -t " + type.cliName() + " -i NEW_ID ...)"));
            }
        }
    }

    private static long count(Session session, String cypher, Map<String, Object> params) {
        return session.run(cypher, params).single().get(0).asLong();
    }
}
