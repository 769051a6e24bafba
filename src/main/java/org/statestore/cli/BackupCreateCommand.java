package org.statestore.cli;

import java.nio.file.Path;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.lock.LockTimeoutException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore backup create}: an online backup over Bolt, or an offline dump of a stopped store. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Back the database up while it runs: every node, relationship, constraint and index, read in "
                + "one transaction over Bolt into one compressed, checksummed <database>-<time>.ssbak file.",
                "An online backup holds the migration lock while it reads, so no migration runs during it: "
                        + "it waits up to --lock-timeout for a running one (exit 5 when the wait runs out).",
                "With --offline, dump a STOPPED local store (--data-dir) in Neo4j's own format to "
                        + "<database>-<time>.dump, as neo4j-admin database dump does.",
                "Never overwrites a file."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore backup create",
                "  NEO4J_URL=bolt://db:7687 NEO4J_PASS=secret statestore backup create --to /var/backups/statestore",
                "  statestore backup create --offline --data-dir ./statestore-data --to ./backups"})
final class BackupCreateCommand extends BackupModeCommand {

    @Mixin
    LockOptions lock;

    @Option(names = "--to", paramLabel = "DIR",
            description = "Directory to write to (created when missing). Env: STATESTORE_BACKUP_DIR. Default: ./backups.")
    Path to;

    @Option(names = "--offline", description = "Dump a stopped local store with Neo4j's admin tool instead.")
    boolean offline;

    private Path dir;

    BackupCreateCommand(Console console) {
        super(console);
    }

    @Override
    boolean offline() {
        return offline;
    }

    @Override
    void prepare() {
        dir = BackupCommand.writableDirectory(BackupCommand.directory(to, console), "--to");
    }

    @Override
    Report offlineReport(Path dataDir, String database) {
        return BackupReports.dumped(BackupCommand.neo4jAdmin(console).dump(dataDir, database, dir),
                dataDir, database);
    }

    @Override
    StatestoreConfig.Builder config() {
        return super.config().lease(lock.settings());
    }

    @Override
    Report report(Statestore store) {
        try {
            return BackupReports.created(store.backups().create(dir)); // under the migration lease
        } catch (LockTimeoutException e) {
            return BackupReports.lockTimeout(e.getMessage());
        }
    }
}
