package org.statestore.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.backup.CreateResult;
import org.statestore.backup.internal.OfflineDump;
import org.statestore.backup.internal.OfflineResult;
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
final class BackupCreateCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    LockOptions lock;

    @Option(names = "--to", paramLabel = "DIR",
            description = "Directory to write to (created when missing). Env: STATESTORE_BACKUP_DIR. Default: ./backups.")
    Path to;

    @Option(names = "--offline", description = "Dump a stopped local store with Neo4j's admin tool instead.")
    boolean offline;

    BackupCreateCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Path dir = BackupCommand.writableDirectory(BackupCommand.directory(to, console), "--to");
        try {
            return offline ? offline(dir) : online(dir);
        } catch (UncheckedIOException e) {
            return BackupCommand.fail(console, this, ExitCode.INTERNAL, e.getMessage());
        }
    }

    private int online(Path dir) {
        StatestoreConfig config = BackupCommand.builder(connection, console).lease(lock.settings())
                .progress(console.progress()).build();
        CreateResult result;
        try (Statestore store = Statestore.open(config)) {
            result = store.backups().create(dir, store.backups().migrationLease(commandName()));
        } catch (LockTimeoutException e) {
            return BackupCommand.fail(console, this, ExitCode.LOCK_TIMEOUT, e.getMessage() + "; nothing was written");
        }
        if (result instanceof CreateResult.Exists e) {
            return BackupCommand.fail(console, this, ExitCode.EXISTS, e.file() + " already exists; nothing was written "
                    + "(one backup per database per second)");
        }
        if (result instanceof CreateResult.GuardLost g) {
            return BackupCommand.fail(console, this, ExitCode.LOCK_TIMEOUT, g.reason() + "; nothing was written: "
                    + "run the backup again");
        }
        if (result instanceof CreateResult.Refused r) {
            return BackupCommand.fail(console, this, ExitCode.REFUSED, "cannot back up: " + r.reason());
        }
        CreateResult.Created c = (CreateResult.Created) result;
        if (output.json()) {
            Map<String, Object> f = BackupCommand.fields();
            f.put("file", c.file().toString());
            f.put("sizeBytes", c.sizeBytes());
            f.put("elapsedMs", c.elapsed().toMillis());
            f.put("header", c.header().toPrintableMap());
            JsonOutput.print(console.out(), BackupCommand.json(this, f));
        } else {
            console.out().println("created " + c.file() + " (" + BackupCommand.size(c.sizeBytes()) + "): "
                    + BackupCommand.describe(c.header()));
            if (c.header().skippedRelationships() > 0) {
                console.out().println("note: " + c.header().skippedRelationships() + " relationships created during "
                        + "the backup were left out (their endpoint was not captured)");
            }
            console.out().flush();
        }
        return ExitCode.OK.code();
    }

    private int offline(Path dir) {
        Path dataDir = BackupCommand.offlineDataDir(connection, console);
        String database = BackupCommand.offlineDatabase(connection, console);
        OfflineResult result = new OfflineDump(console::log, Clock.systemUTC()).dump(dataDir, database, dir);
        if (result instanceof OfflineResult.Dumped d) {
            if (output.json()) {
                Map<String, Object> f = BackupCommand.fields();
                f.put("file", d.file().toString());
                f.put("sizeBytes", d.sizeBytes());
                f.put("elapsedMs", d.elapsed().toMillis());
                f.put("format", "neo4j-dump");
                JsonOutput.print(console.out(), BackupCommand.json(this, f));
            } else {
                console.out().println("created " + d.file() + " (" + BackupCommand.size(d.sizeBytes())
                        + "): Neo4j dump of database " + database + " from " + dataDir.toAbsolutePath().normalize());
                console.out().flush();
            }
            return ExitCode.OK.code();
        }
        return BackupRestoreCommand.offlineFailure(console, this, result);
    }

    @Override
    public String commandName() {
        return "backup create";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
