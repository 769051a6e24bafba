package org.statestore.cli;

import java.util.Optional;

import picocli.CommandLine.Mixin;

/** A migration command with the unit flags that changes the history under the migration lock. */
abstract class LeasedMigrationCommand extends UnitMigrationCommand {

    @Mixin
    LockOptions lock;

    LeasedMigrationCommand(Console console) {
        super(console);
    }

    @Override
    final Optional<LockOptions> lock() {
        return Optional.of(lock);
    }
}
