package org.statestore.cli;

import java.nio.file.Path;
import java.util.Optional;

import org.statestore.migrate.UpOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statestore migrate up}: applies pending units in version order. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Apply every pending unit in version order, recording each run in the database's history chain.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate up",
                "  NEO4J_URL=bolt://db:7687 NEO4J_USER=neo4j NEO4J_PASS=secret statestore migrate up --target 0.4.0",
                "  statestore migrate up --no-bundled --location ./units --output json",
                "  statestore migrate up --no-bundled --location ./units --group"})
final class MigrateUpCommand extends UpCommand.WithUnitFlags {

    @Option(names = "--target", paramLabel = "VERSION", description = "Stop after this version (e.g. 0.4.0, for an "
            + "alchemiscale v0.4.x to v0.6.x server; the bundled units default to the newest release line); 'latest' "
            + "is the newest unit. A version that names no local or recorded unit fails (exit 6), nothing applied.")
    String target;

    @Option(names = "--dry-run", description = "Print the plan and check every statement with the live server "
            + "(EXPLAIN); take no lock and write nothing. Exit 6 on the first invalid statement.")
    boolean dryRun;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Take a backup into DIR before applying "
            + "anything pending (under the lock) and name it in each applied unit's rollback note. "
            + "Env: STATESTORE_BACKUP_DIR.")
    Path backupDir;

    @Option(names = "--strict", description = "Refuse units applied by a newer release (by default a warning).")
    boolean strict;

    @Option(names = "--out-of-order", description = "Apply pending units older than the newest applied one.")
    boolean outOfOrder;

    @Option(names = "--group", description = "Apply every pending unit in one transaction: all or nothing, each with "
            + "its own history entry. A pending unit that cannot run in one transaction (schema and data mixed, "
            + "CALL { } IN TRANSACTIONS, a Java unit) fails the run with exit 6 before anything is written.")
    boolean group;

    MigrateUpCommand(Console console) {
        super(console);
    }

    @Override
    String target() {
        return target;
    }

    @Override
    boolean dryRun() {
        return dryRun;
    }

    @Override
    Optional<Path> backupDir() {
        return Optional.ofNullable(backupDir);
    }

    @Override
    UpOptions options() {
        UpOptions options = new UpOptions(strict, outOfOrder);
        return group ? options.grouped() : options;
    }
}
