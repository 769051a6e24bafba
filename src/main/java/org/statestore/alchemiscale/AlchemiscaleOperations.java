package org.statestore.alchemiscale;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.statestore.history.MalformedChainException;
import org.statestore.migrate.UnitStatus;
import org.statestore.progress.ProgressSink;

/**
 * alchemiscale's operations on one open database, as an open store hands them out
 * ({@code store.alchemiscale()}): its {@code database check}, the doctor for a release, expiring compute
 * service registrations, its {@code database reset}, the survey {@code upgrade check} reports, and seeding
 * a synthetic v0.3 store for development.
 */
public final class AlchemiscaleOperations {

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final Supplier<List<UnitStatus>> unitStates;
    private final Consumer<String> log;
    private final ProgressSink counts;

    /**
     * @param unitStates the units' states as {@code migrate info} shows them; asked only by {@link #doctor},
     *                   so the other operations never load units
     * @param log        where reset and seeding report their steps
     * @param counts     where seeding counts the networks it writes
     */
    public AlchemiscaleOperations(Driver driver, SessionConfig sessionConfig, Supplier<List<UnitStatus>> unitStates,
                                  Consumer<String> log, ProgressSink counts) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.sessionConfig = Objects.requireNonNull(sessionConfig, "sessionConfig");
        this.unitStates = Objects.requireNonNull(unitStates, "unitStates");
        this.log = Objects.requireNonNull(log, "log");
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    /**
     * alchemiscale's {@code database check}, exactly: its four constraints by name, label and property, and no
     * other constraint. Units and history play no part. Reads only.
     */
    public CheckReport check() {
        return new StoreCheck(driver, sessionConfig).check();
    }

    /**
     * What alchemiscale {@code release} cannot read in this database, each finding with its fix: alchemiscale's
     * check, the history chain and unit states, and the data that release reads. Reads only.
     */
    public DoctorReport doctor(AlchemiscaleRelease release) {
        List<UnitStatus> statuses;
        try {
            statuses = unitStates.get();
        } catch (MalformedChainException e) {
            statuses = List.of(); // the doctor reports the chain itself as a finding
        }
        return new StoreDoctor(driver, sessionConfig).examine(release, statuses);
    }

    /**
     * Expires compute service registrations as alchemiscale's {@code expire_registrations} does (their claimed
     * running Tasks back to waiting, then detach-deleted), choosing and changing in one transaction; with
     * {@code dryRun}, lists the same and changes nothing.
     */
    public ExpiryResult expireRegistrations(RegistrationExpiry.Selection selection, boolean dryRun) {
        return new RegistrationExpiry(driver, sessionConfig).expire(selection, dryRun);
    }

    /** How many nodes {@link #reset()} would delete (for a confirmation prompt). */
    public long nodeCount() {
        return resetter().nodeCount();
    }

    /**
     * alchemiscale's {@code database reset}: deletes every node and relationship, statestore's history chain
     * too, and drops alchemiscale's four constraints, in batches (see {@link StoreReset}).
     */
    public ResetResult reset() {
        return resetter().reset();
    }

    /** What {@code upgrade check} reports of this store. Reads only. */
    public UpgradeSurvey upgradeSurvey() {
        try (Session session = driver.session(sessionConfig)) {
            return UpgradeSurvey.of(session);
        }
    }

    /**
     * Writes a synthetic store in the shape alchemiscale v0.3 leaves behind ({@link V03StoreGenerator}), into a
     * database without data only.
     */
    public SeedResult seedV03(SeedSpec spec) {
        return new V03StoreGenerator(driver, sessionConfig, log, counts).seed(spec);
    }

    private StoreReset resetter() {
        return new StoreReset(driver, sessionConfig, log);
    }
}
