package org.statestore.cli;

import java.nio.file.Path;
import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.backup.VerifyResult;
import org.statestore.backup.internal.BackupFormat;
import org.statestore.backup.internal.BackupReader;

import picocli.CommandLine.Command;
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
final class BackupRestoreCommand extends BackupModeCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup (.ssbak) or, with --offline, the dump (.dump).")
    Path file;

    @Option(names = "--replace", description = "Delete everything in the target first (needs --yes).")
    boolean replace;

    @Option(names = "--yes", description = "Confirm --replace.")
    boolean yes;

    @Option(names = "--offline", description = "Load a Neo4j dump into a stopped local store instead.")
    boolean offline;

    private VerifyResult.Valid verified;

    BackupRestoreCommand(Console console) {
        super(console);
    }

    @Override
    boolean offline() {
        return offline;
    }

    @Override
    Optional<Report> refusal() {
        return replace && !yes ? Optional.of(BackupReports.replaceUnconfirmed()) : Optional.empty();
    }

    @Override
    void prepare() {
        if (offline && BackupCommand.named(file, BackupFormat.EXTENSION)) {
            throw new UsageException(file + " is an online backup: restore it without --offline");
        }
        if (!offline && BackupCommand.named(file, BackupFormat.DUMP_EXTENSION)) {
            throw new UsageException(file + " is a Neo4j dump: load it with --offline into a stopped store (--data-dir)");
        }
    }

    @Override
    Report offlineReport(Path dataDir, String database) {
        return BackupReports.loaded(BackupCommand.neo4jAdmin(console).load(file, dataDir, database, replace), database);
    }

    @Override
    Optional<Report> beforeConnecting() {
        // The whole file is verified before the database is opened: a bad one never touches it.
        VerifyResult result = new BackupReader().withProgress(progress).verify(file);
        if (!(result instanceof VerifyResult.Valid valid)) {
            return Optional.of(BackupReports.unrestorable(result));
        }
        console.log("verified " + file + ": " + BackupCommand.describe(valid.header()));
        verified = valid;
        return Optional.empty();
    }

    @Override
    Report report(Statestore store) {
        return BackupReports.restored(store.backups().restore(verified, replace));
    }
}
