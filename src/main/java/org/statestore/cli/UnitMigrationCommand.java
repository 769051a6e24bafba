package org.statestore.cli;

import picocli.CommandLine.Mixin;

/** A migration command with the unit flags ({@code --location}, {@code --no-bundled}, {@code --placeholder}). */
abstract class UnitMigrationCommand extends MigrationCommand {

    @Mixin
    UnitOptions units;

    UnitMigrationCommand(Console console) {
        super(console);
    }

    @Override
    final UnitOptions units() {
        return units;
    }
}
