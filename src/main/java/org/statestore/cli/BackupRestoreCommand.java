package org.statestore.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.backup.RestoreResult;
import org.statestore.backup.VerifyResult;
import org.statestore.backup.internal.BackupFormat;
import org.statestore.backup.internal.BackupReader;
import org.statestore.backup.internal.OfflineDump;
import org.statestore.backup.internal.OfflineResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code statestore backup restore}: a verified restore into an empty database, or an offline load. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a .ssbak backup into an EMPTY database: the file is verified (checksum, format, "
                + "counts, digest) before anything is written, data is written in batches, constraints and indexes "
                + "are created after it, and the result is read back and compared with the backup.",
                "A database that holds anything is refused; --replace --yes deletes everything in it first.",
                "With --offline, load a Neo4j .dump into a STOPPED local store (--data-dir), as neo4j-admin "
                        + "database load does."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore backup restore backups/neo4j-20250101T020000Z.ssbak",
                "  statestore backup restore backups/neo4j-20250101T020000Z.ssbak --replace --yes",
                "  statestore backup restore --offline backups/neo4j-20250101T020000Z.dump --data-dir ./new-store"})
final class BackupRestoreCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup (.ssbak) or, with --offline, the dump (.dump).")
    Path file;

    @Option(names = "--replace", description = "Delete everything in the target first (needs --yes).")
    boolean replace;

    @Option(names = "--yes", description = "Confirm --replace.")
    boolean yes;

    @Option(names = "--offline", description = "Load a Neo4j dump into a stopped local store instead.")
    boolean offline;

    BackupRestoreCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (replace && !yes) {
            return BackupCommand.fail(console, this, ExitCode.REFUSED, "--replace deletes everything in the target "
                    + "database before restoring: add --yes to confirm");
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        try {
            if (offline) {
                if (name.endsWith(BackupFormat.EXTENSION)) {
                    throw new UsageException(file + " is an online backup: restore it without --offline");
                }
                return offline();
            }
            if (name.endsWith(BackupFormat.DUMP_EXTENSION)) {
                throw new UsageException(file + " is a Neo4j dump: load it with --offline into a stopped store "
                        + "(--data-dir)");
            }
            return online();
        } catch (UncheckedIOException e) {
            return BackupCommand.fail(console, this, ExitCode.INTERNAL, e.getMessage());
        }
    }

    private int online() {
        org.statestore.progress.ProgressSink progress = console.progress();
        VerifyResult verified = new BackupReader().withProgress(progress).verify(file);
        if (verified instanceof VerifyResult.Missing) {
            return BackupCommand.fail(console, this, ExitCode.NOT_FOUND, "no backup file " + file);
        }
        if (verified instanceof VerifyResult.Invalid i) {
            return BackupCommand.fail(console, this, ExitCode.VALIDATION, file + " failed verification, nothing was "
                    + "written: " + i.reason());
        }
        VerifyResult.Valid valid = (VerifyResult.Valid) verified;
        console.log("verified " + file + ": " + BackupCommand.describe(valid.header()));
        RestoreResult result;
        try (Statestore store = Statestore.open(BackupCommand.builder(connection, console).progress(progress).build())) {
            result = store.backups().restore(valid, replace);
        }
        if (result instanceof RestoreResult.Refused r) {
            return BackupCommand.fail(console, this, ExitCode.REFUSED, r.reason());
        }
        if (result instanceof RestoreResult.Mismatch m) {
            return BackupCommand.fail(console, this, ExitCode.VALIDATION, "restore did not verify: " + m.reason()
                    + (m.reason().contains("--replace") ? "" : "; the database holds what was written: restore again "
                    + "with --replace --yes"));
        }
        RestoreResult.Restored done = (RestoreResult.Restored) result;
        if (output.json()) {
            Map<String, Object> f = BackupCommand.fields();
            f.put("file", done.file().toString());
            f.put("elapsedMs", done.elapsed().toMillis());
            f.put("verified", true);
            f.put("header", done.header().toPrintableMap());
            JsonOutput.print(console.out(), BackupCommand.json(this, f));
        } else {
            console.out().println("restored " + done.file() + " (" + done.header().counts() + ") in "
                    + done.elapsed().toMillis() + " ms; read back: counts, constraints, indexes and content digest "
                    + "match the backup");
            console.out().flush();
        }
        return ExitCode.OK.code();
    }

    private int offline() {
        java.nio.file.Path dataDir = BackupCommand.offlineDataDir(connection, console);
        String database = BackupCommand.offlineDatabase(connection, console);
        OfflineResult result = new OfflineDump(console::log, Clock.systemUTC()).load(file, dataDir, database, replace);
        if (result instanceof OfflineResult.Loaded l) {
            if (output.json()) {
                Map<String, Object> f = BackupCommand.fields();
                f.put("file", l.file().toString());
                f.put("dataDir", l.dataDir().toString());
                f.put("database", database);
                f.put("elapsedMs", l.elapsed().toMillis());
                JsonOutput.print(console.out(), BackupCommand.json(this, f));
            } else {
                console.out().println("loaded " + l.file() + " as database " + database + " into " + l.dataDir());
                console.out().flush();
            }
            return ExitCode.OK.code();
        }
        return offlineFailure(console, this, result);
    }

    /** The exit code and line of an offline result that is not a success. */
    static int offlineFailure(Console console, Reporting command, OfflineResult result) {
        if (result instanceof OfflineResult.Exists e) {
            return BackupCommand.fail(console, command, ExitCode.EXISTS, e.file() + " already exists; nothing was "
                    + "written");
        }
        if (result instanceof OfflineResult.Refused r) {
            return BackupCommand.fail(console, command, ExitCode.REFUSED, r.reason());
        }
        if (result instanceof OfflineResult.NotFound n) {
            return BackupCommand.fail(console, command, ExitCode.NOT_FOUND, n.reason());
        }
        if (result instanceof OfflineResult.Failed f) {
            return BackupCommand.fail(console, command, ExitCode.INTERNAL, f.reason());
        }
        return BackupCommand.fail(console, command, ExitCode.INTERNAL, "unexpected result " + result);
    }

    @Override
    public String commandName() {
        return "backup restore";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
