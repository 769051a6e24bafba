package org.statestore.cli;

import java.util.Optional;

import org.statestore.StatestoreConfig;
import org.statestore.cli.ConnectionOptions.ImplicitStore;
import org.statestore.migrate.Version;

/**
 * The migration commands. They may create the implicit embedded store (a first {@code migrate up} is the
 * README's main job), a signal stops them at a safe point, and long units report progress. Their unit and
 * lease flags come in every combination (database init: the lease but no unit flags; validate: the units but no
 * lease), so the configuration reads them through hooks, which the classes holding the flags override.
 */
abstract class MigrationCommand extends StoreCommand {

    MigrationCommand(Console console) {
        super(console);
    }

    /** Where units come from: none by default (await and import only read or copy history). */
    UnitOptions units() {
        return UnitOptions.none();
    }

    /** The lease flags of a command that takes the migration lock. */
    Optional<LockOptions> lock() {
        return Optional.empty();
    }

    @Override
    ImplicitStore implicitStore() {
        return ImplicitStore.ALLOWED;
    }

    @Override
    final StatestoreConfig.Builder config() {
        StatestoreConfig.Builder config = units().applyTo(super.config(), console).stopSignal(console.stop())
                .progress(console.progress());
        // The connection before the lease: with both flags wrong, the connection's usage error is the one shown.
        lock().ifPresent(l -> config.lease(l.settings()));
        return config;
    }

    /** A version given on the command line; a malformed one is a usage error (exit 2), named as {@code --target}'s. */
    static Version parseVersion(String text) {
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--target: " + e.getMessage());
        }
    }
}
