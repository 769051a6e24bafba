package org.statestore.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.statestore.backup.internal.BackupCatalog;
import org.statestore.backup.internal.BackupReader;
import org.statestore.backup.internal.OfflineDump;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statestore backup prune}: retention. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Keep the newest N verified backups in DIR (online and offline together, by the time in the "
                + "header or name) and delete the older verified ones, printing each file deleted.",
                "Only verified files count: a .ssbak whose trailer and checksum match, a .dump Neo4j's admin tool "
                        + "reads. A file that does not verify (or is dated more than a day ahead) is never deleted "
                        + "and never counted, and is reported on one line.",
                "--dry-run prints what would be deleted and deletes nothing."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore backup prune --keep 7", "  statestore backup prune --keep 30 /var/backups/statestore --dry-run"})
final class BackupPruneCommand extends BackupCommand.InDirectory {

    @Option(names = "--keep", paramLabel = "N", required = true, description = "How many backups to keep (at least 1).")
    int keep;

    @Option(names = "--dry-run", description = "Delete nothing; print what would be deleted.")
    boolean dryRun;

    BackupPruneCommand(Console console) {
        super(console);
    }

    @Override
    void prepare() {
        if (keep < 1) {
            throw new UsageException("--keep must be at least 1, was " + keep);
        }
    }

    @Override
    Report report(Path directory) throws IOException {
        // Neo4j's admin tool reads each dump's metadata; its lines are not logged, the report names what fails.
        OfflineDump neo4j = new OfflineDump(line -> { }, Clock.systemUTC());
        BackupCatalog.DumpCheck dumps = dump -> BackupReports.dumpProblem(neo4j.describe(dump));
        return BackupReports.pruned(new BackupCatalog(new BackupReader(), dumps, Clock.systemUTC())
                .prune(directory, keep, dryRun), directory, keep);
    }
}
