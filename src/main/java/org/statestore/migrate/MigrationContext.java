package org.statestore.migrate;

import java.util.Objects;
import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.statestore.progress.ProgressSink;

/**
 * What a {@link JavaMigration} gets to work with: the driver, the target database, a sink for log lines
 * (shown on stderr by the CLI) and one for counted progress (a bar on a terminal).
 *
 * @param progress log lines: what happened, for people (a line starting {@code warning: } is a warning)
 * @param counts   how far a long unit is: start a task with its total, advance it as batches commit
 */
public record MigrationContext(Driver driver, String database, Consumer<String> progress, ProgressSink counts) {

    public MigrationContext {
        Objects.requireNonNull(counts, "counts");
    }

    /** A context whose counted progress goes nowhere. */
    public MigrationContext(Driver driver, String database, Consumer<String> progress) {
        this(driver, database, progress, ProgressSink.NONE);
    }

    public SessionConfig sessionConfig() {
        return SessionConfig.forDatabase(database);
    }

    /** A new session on the target database; the caller closes it. */
    public Session session() {
        return driver.session(sessionConfig());
    }
}
