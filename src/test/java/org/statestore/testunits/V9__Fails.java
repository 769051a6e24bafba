package org.statestore.testunits;

import org.statestore.migrate.JavaMigration;
import org.statestore.migrate.MigrationContext;

/** A Java unit that always fails, for the failure path. */
public final class V9__Fails implements JavaMigration {

    @Override
    public void apply(MigrationContext context) {
        throw new IllegalStateException("this unit always fails");
    }
}
