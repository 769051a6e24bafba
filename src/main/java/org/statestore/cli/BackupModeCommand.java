package org.statestore.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.progress.ProgressSink;

import picocli.CommandLine.Mixin;

/**
 * {@code backup create} and {@code restore}: online on an open store, or with {@code --offline} through Neo4j's
 * admin tool on a stopped local store, which nothing connects to. The online path is a {@link StoreCommand} of its
 * own, so it opens the store as every other command does; the offline path reads the same connection flags.
 */
abstract class BackupModeCommand extends ReportingCommand {

    @Mixin
    ConnectionOptions connection;

    /** The online run's progress: one sink for what the verb does before it connects and for the store. */
    ProgressSink progress;

    BackupModeCommand(Console console) {
        super(console);
    }

    /** Whether {@code --offline} was given (each verb describes the flag in its own words). */
    abstract boolean offline();

    /** A report that ends the run before either path starts; none by default. */
    Optional<Report> refusal() {
        return Optional.empty();
    }

    /** Flag checks before either path starts (usage errors); none by default. */
    void prepare() {
    }

    /** The offline run on the stopped store in {@code dataDir}. */
    abstract Report offlineReport(Path dataDir, String database);

    /** A report that ends the online run before anything connects; none by default. */
    Optional<Report> beforeConnecting() {
        return Optional.empty();
    }

    /** The facade's configuration of the online run: {@code base} (with the progress) plus what the verb needs. */
    StatestoreConfig.Builder config(StatestoreConfig.Builder base) {
        return base;
    }

    /** The online run on the open store. */
    abstract Report onlineReport(Statestore store);

    @Override
    final Report report() {
        try {
            Optional<Report> refused = refusal();
            if (refused.isPresent()) {
                return refused.get();
            }
            prepare();
            if (offline()) {
                return offlineReport(BackupCommand.offlineDataDir(connection, console),
                        BackupCommand.offlineDatabase(connection, console));
            }
            progress = console.progress();
            return new Online().report();
        } catch (UncheckedIOException e) {
            return BackupReports.ioFailure(e);
        }
    }

    /** The online path, with this command's connection flags. */
    private final class Online extends StoreCommand {

        Online() {
            super(BackupModeCommand.this.console);
            connection = BackupModeCommand.this.connection;
        }

        @Override
        Optional<Report> refusal() {
            return beforeConnecting();
        }

        @Override
        StatestoreConfig.Builder config() {
            return BackupModeCommand.this.config(super.config().progress(progress));
        }

        @Override
        Report report(Statestore store) {
            return onlineReport(store);
        }
    }
}
