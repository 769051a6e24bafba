package org.statestore.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.statestore.backup.internal.BackupFormat;
import org.statestore.backup.internal.BackupReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code statestore backup verify}: checks a backup file without any database. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a .ssbak backup without connecting to anything: SHA-256 trailer, format, record "
                + "order, every name, value and constraint or index a restore would refuse, counts and content "
                + "digest against the header.",
                "For a Neo4j .dump, Neo4j's admin tool reads the dump's metadata (load --info)."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore backup verify backups/neo4j-20250101T020000Z.ssbak",
                "  statestore backup verify backups/neo4j-20250101T020000Z.dump --output json"})
final class BackupVerifyCommand extends ReportingCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    Path file;

    BackupVerifyCommand(Console console) {
        super(console);
    }

    @Override
    Report report() {
        try {
            return BackupCommand.named(file, BackupFormat.DUMP_EXTENSION)
                    ? BackupReports.described(BackupCommand.neo4jAdmin(console).describe(file))
                    : BackupReports.verified(new BackupReader().withProgress(console.progress()).verify(file));
        } catch (UncheckedIOException e) {
            return BackupReports.ioFailure(e);
        }
    }
}
