package org.statestore.upgrade.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.statestore.InfoReport;
import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.alchemiscale.CheckReport;
import org.statestore.backup.Backups;
import org.statestore.backup.RestoreResult;
import org.statestore.backup.VerifyResult;
import org.statestore.migrate.Version;
import org.statestore.neo4j.ConnectedServer;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.neo4j.UnsupportedServerException;
import org.statestore.progress.ProgressSink;

/**
 * The running server an upgrade lands in ({@code upgrade store --into}): refused before the long work when it is below
 * Neo4j 5.0 or holds anything, then given the upgraded store through the facade's own verified restore, so any 5.x or
 * calendar server takes it (a dump written by the embedded 5.26 loads only into 5.26 or newer).
 */
final class IntoServer {

    static final String CHECK_STEP = "check target";
    static final String RESTORE_STEP = "restore into target";

    private final ConnectionSettings settings;
    private final Consumer<String> log;
    private final ProgressSink counts;

    IntoServer(ConnectionSettings settings, Consumer<String> log, ProgressSink counts) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.log = Objects.requireNonNull(log, "log");
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    /**
     * Connects and refuses a server below 5.0 ({@link UnsupportedServerException}, exit 12) or a database that holds
     * anything (exit 11); connection failures are the facade's {@link org.statestore.neo4j.ConnectionException}.
     */
    void check() {
        try (Statestore store = Statestore.open(config(false))) {
            requireEmpty(store, CHECK_STEP);
        }
    }

    /**
     * Restores {@code backup} (the upgraded store's own backup) into the server, which must still be empty, then runs
     * {@code database check} and reads the history there: it must have reached {@code reached}, with nothing failed or
     * pending up to {@code target}.
     *
     * @param keptBackup whether {@code backup} outlives a failure (it lies in a data directory that is kept)
     */
    StoreUpgrade.Restored restore(StepTimer steps, Path backup, Optional<Version> target, Optional<Version> reached,
                                  boolean keptBackup) {
        try (Statestore store = Statestore.open(config(true))) {
            requireEmpty(store, RESTORE_STEP); // again: something may have written there during the long work
            Backups backups = store.backups();
            VerifyResult verified = steps.run("backup verify", () -> backups.verify(backup));
            if (!(verified instanceof VerifyResult.Valid valid)) {
                throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "backup verify", verified.toString());
            }
            RestoreResult result = steps.run("backup restore into target (read back: counts, digest, "
                    + "schema)", () -> backups.restore(valid, false));
            if (result instanceof RestoreResult.Refused r) {
                // Only a writer that came between the check above and the restore's own gets here.
                throw new UpgradeFailure(UpgradeFailure.Kind.REFUSED, RESTORE_STEP, r.reason());
            }
            if (result instanceof RestoreResult.Mismatch m) {
                throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, RESTORE_STEP, "the restore did not read back "
                        + "as written: " + m.reason() + "; the server holds a partial store: empty it and run again"
                        + (keptBackup ? ", or restore " + backup + " with 'statestore backup restore --replace --yes'"
                        : ""));
            }
            CheckReport check = steps.run("database check on target", store.alchemiscale()::check);
            if (!check.ok()) {
                throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "database check on target",
                        String.join("; ", check.findings()));
            }
            InfoReport info = steps.run("migrate info on target", () -> store.info(target));
            if (!info.current().equals(reached) || !info.readiness().ready()) {
                throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "migrate info on target", "the history "
                        + "there reads version " + info.current().map(Version::text).orElse("none") + " with "
                        + info.readiness() + ", not version " + reached.map(Version::text).orElse("none")
                        + " with every unit applied");
            }
            ConnectedServer server = store.server();
            RestoreResult.Restored restored = (RestoreResult.Restored) result; // the one result left
            return new StoreUpgrade.Restored(server.description(), server.version(), server.database(),
                    restored.header().counts(), info.current());
        }
    }

    /** The facade's configuration for the server: the bundled units only where the history is read. */
    private StatestoreConfig config(boolean units) {
        return StatestoreConfig.builder().bundledUnits(units).connection(settings).log(log).progress(counts).build();
    }

    private static void requireEmpty(Statestore store, String step) {
        ConnectedServer server = store.server();
        if (server.server().belowNeo4j5()) {
            throw new UnsupportedServerException(server.server(), "Neo4j " + server.version() + " is below 5.0, which "
                    + "upgrade store --into needs: start an empty Neo4j 5 (5.x or a calendar version, the one the "
                    + "deployment runs) and give its URL to --into; nothing was written");
        }
        store.backups().whyNotEmpty().ifPresent(why -> {
            throw new UpgradeFailure(UpgradeFailure.Kind.REFUSED, step, server.description() + ": " + why
                    + "; --into needs an empty database (start an empty Neo4j 5, or empty this one), and nothing was "
                    + "written");
        });
    }
}
