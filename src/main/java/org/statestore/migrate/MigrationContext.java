package org.statestore.migrate;

import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;

/**
 * What a {@link JavaMigration} gets to work with: the driver, the target database and a sink for
 * progress lines (shown on stderr by the CLI).
 */
public record MigrationContext(Driver driver, String database, Consumer<String> progress) {

    public SessionConfig sessionConfig() {
        return SessionConfig.forDatabase(database);
    }

    /** A new session on the target database; the caller closes it. */
    public Session session() {
        return driver.session(sessionConfig());
    }
}
