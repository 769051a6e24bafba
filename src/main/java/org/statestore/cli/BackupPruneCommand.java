package org.statestore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.statestore.backup.internal.BackupCatalog;
import org.statestore.backup.internal.BackupReader;
import org.statestore.backup.internal.CatalogEntry;
import org.statestore.backup.internal.OfflineDump;
import org.statestore.backup.internal.OfflineResult;
import org.statestore.backup.internal.PruneResult;
import org.statestore.text.internal.Printable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
final class BackupPruneCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    OutputOptions output;

    @Option(names = "--keep", paramLabel = "N", required = true, description = "How many backups to keep (at least 1).")
    int keep;

    @Option(names = "--dry-run", description = "Delete nothing; print what would be deleted.")
    boolean dryRun;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Backup directory. Env: STATESTORE_BACKUP_DIR. Default: ./backups.")
    Path dir;

    BackupPruneCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        if (keep < 1) {
            throw new UsageException("--keep must be at least 1, was " + keep);
        }
        Path d = BackupCommand.directory(dir, console);
        if (!Files.isDirectory(d)) {
            return BackupCommand.fail(console, this, ExitCode.NOT_FOUND, "no backup directory " + d);
        }
        OfflineDump neo4j = new OfflineDump(line -> { }, Clock.systemUTC());
        BackupCatalog.DumpCheck dumps = dump -> {
            OfflineResult r = neo4j.describe(dump);
            if (r instanceof OfflineResult.Described) {
                return Optional.empty();
            }
            return Optional.of(r instanceof OfflineResult.Failed f ? f.reason()
                    : r instanceof OfflineResult.NotFound n ? n.reason() : "Neo4j's admin tool cannot read it");
        };
        PruneResult result = new BackupCatalog(new BackupReader(), dumps, Clock.systemUTC()).prune(d, keep, dryRun);
        for (CatalogEntry e : result.skipped()) {
            console.warn("left alone: " + Printable.escape(e.file().toString()) + ": "
                    + Printable.escape(e.problem().orElse("not verified")));
        }
        if (output.json()) {
            Map<String, Object> f = BackupCommand.fields();
            f.put("directory", d.toString());
            f.put("dryRun", dryRun);
            f.put("keep", keep);
            f.put("kept", result.kept().stream().map(BackupListCommand::json).toList());
            f.put("deleted", result.deleted().stream().map(BackupListCommand::json).toList());
            f.put("skipped", result.skipped().stream().map(BackupListCommand::json).toList());
            JsonOutput.print(console.out(), BackupCommand.json(this, f));
            return ExitCode.OK.code();
        }
        for (CatalogEntry e : result.deleted()) {
            console.out().println((dryRun ? "would delete " : "deleted ") + Printable.escape(e.file().toString()));
        }
        console.out().println((dryRun ? "dry run: would keep " : "kept ") + result.kept().size() + ", "
                + (dryRun ? "would delete " : "deleted ") + result.deleted().size() + ", left alone "
                + result.skipped().size() + " (not verified) in " + d);
        console.out().flush();
        return ExitCode.OK.code();
    }

    @Override
    public String commandName() {
        return "backup prune";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
