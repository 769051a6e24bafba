package org.statestore.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnknownTargetException;
import org.statestore.migrate.UpOptions;
import org.statestore.migrate.UpResult;
import org.statestore.migrate.Version;
import org.statestore.migrate.internal.Targets;

import picocli.CommandLine.Mixin;

/**
 * {@code migrate up}'s run, shared with {@code database init} and {@code database migrate v03-to-v04}, which fix
 * its settings (the target, retrying a failed unit, naming the releases served, the implicit store) instead of
 * taking them from flags.
 */
abstract class UpCommand extends MigrationCommand {

    /** An init container starts beside the database: wait for it by default. */
    static final Duration DEFAULT_WAIT_FOR_DB = Duration.ofSeconds(60);

    @Mixin
    LockOptions lock;

    UpCommand(Console console) {
        super(console);
    }

    /** The version to stop after, {@code latest}, or null for every pending unit. */
    abstract String target();

    boolean dryRun() {
        return false;
    }

    /** The directory a backup is taken into before applying; {@code STATESTORE_BACKUP_DIR} when empty. */
    Optional<Path> backupDir() {
        return Optional.empty();
    }

    UpOptions options() {
        return UpOptions.DEFAULTS;
    }

    /** Whether the output names the alchemiscale releases the version serves: only its bundled units say. */
    boolean describeReleases() {
        return !units().noBundled;
    }

    @Override
    final Optional<LockOptions> lock() {
        return Optional.of(lock);
    }

    @Override
    final Duration waitForDb() {
        return DEFAULT_WAIT_FOR_DB;
    }

    @Override
    final void prepare() {
        checkTarget(target());
    }

    @Override
    final Report report(Statestore store) {
        Optional<Version> version = resolveTarget(target(), store.units());
        if (dryRun()) {
            return DryRunReport.of(store.dryRunUp(version, options()), MigrateReports::verdict);
        }
        Optional<Path> backup = backupDir().or(() -> console.env("STATESTORE_BACKUP_DIR").map(Path::of));
        UpResult result = backup.isPresent() ? store.migrateUp(version, options(), backup.get())
                : store.migrateUp(version, options());
        return MigrateReports.up(result, describeReleases(), target() != null, ExitCode.stoppedBy(console.stop()));
    }

    /** Refuses a malformed {@code --target} (exit 2) before anything connects; {@code latest} waits for the units. */
    static void checkTarget(String text) {
        if (text != null && !Targets.isLatest(text)) {
            parseVersion(text);
        }
    }

    /**
     * The version {@code --target} names: {@code latest} is the newest of {@code units}. Whether a version names a
     * unit is the plan's to decide (a recorded version counts too).
     */
    static Optional<Version> resolveTarget(String text, List<Unit> units) {
        if (text == null) {
            return Optional.empty();
        }
        if (Targets.isLatest(text)) {
            return Optional.of(Targets.newest(units).orElseThrow(() -> new UnknownTargetException(
                    "--target " + Targets.LATEST + ": there is no unit to target")));
        }
        return Optional.of(parseVersion(text));
    }

    /** {@code migrate up} and {@code v03-to-v04}: with the unit flags, which {@code database init} does not take. */
    abstract static class WithUnitFlags extends UpCommand {

        @Mixin
        UnitOptions units;

        WithUnitFlags(Console console) {
            super(console);
        }

        @Override
        final UnitOptions units() {
            return units;
        }
    }
}
