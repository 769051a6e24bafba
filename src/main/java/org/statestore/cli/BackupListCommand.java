package org.statestore.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.statestore.backup.internal.BackupCatalog;
import org.statestore.backup.internal.BackupReader;

import picocli.CommandLine.Command;

/** {@code statestore backup list}: the backups in a directory, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the backups in DIR, newest first: name, time, size, counts and history head (read from "
                + "each .ssbak header; .dump files show their name's time). Connects to nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore backup list", "  statestore backup list /var/backups/statestore --output json"})
final class BackupListCommand extends BackupCommand.InDirectory {

    BackupListCommand(Console console) {
        super(console);
    }

    @Override
    Report report(Path directory) throws IOException {
        return BackupReports.list(directory, new BackupCatalog(new BackupReader()).list(directory));
    }
}
