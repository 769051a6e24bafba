package org.statestore.testunits;

import org.statestore.migrate.JavaMigration;
import org.statestore.migrate.MigrationContext;

/** A Java unit for tests: tags every :Thing node. Registered only through a test class loader. */
public final class V0_2_0__Tag_things implements JavaMigration {

    @Override
    public void apply(MigrationContext context) {
        try (var session = context.session()) {
            session.executeWriteWithoutResult(tx -> tx.run("MATCH (t:Thing) SET t.tagged = true").consume());
        }
        context.progress().accept("tagged things");
    }
}
