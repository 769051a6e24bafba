package org.statestore.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import org.statestore.StatestoreConfig;
import org.statestore.progress.ProgressSink;

/**
 * {@code backup create} and {@code restore}: online on an open store, or with {@code --offline} through Neo4j's
 * admin tool on a stopped local store, which nothing connects to (the same connection flags say where it is).
 */
abstract class BackupModeCommand extends StoreCommand {

    /** The online run's progress: one sink for what the verb does before it connects and for the store. */
    ProgressSink progress;

    BackupModeCommand(Console console) {
        super(console);
    }

    /** Whether {@code --offline} was given (each verb describes the flag in its own words). */
    abstract boolean offline();

    /** The offline run on the stopped store in {@code dataDir}. */
    abstract Report offlineReport(Path dataDir, String database);

    /** A report that ends the online run before anything connects; none by default. */
    Optional<Report> beforeConnecting() {
        return Optional.empty();
    }

    @Override
    final Optional<Report> beforeOpening() {
        if (offline()) {
            return Optional.of(offlineReport(BackupCommand.offlineDataDir(connection, console),
                    BackupCommand.offlineDatabase(connection, console)));
        }
        progress = console.progress();
        return beforeConnecting();
    }

    @Override
    StatestoreConfig.Builder config() {
        return super.config().progress(progress);
    }

    @Override
    final Report report() {
        try {
            return super.report();
        } catch (UncheckedIOException e) {
            return BackupReports.ioFailure(e);
        }
    }
}
