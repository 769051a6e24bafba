package org.statestore.cli;

import java.nio.file.Path;

import org.statestore.upgrade.internal.UpgradeCheck;
import org.statestore.upgrade.internal.UpgradeFailure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statestore upgrade check}: what an upgrade would find, worked out on a temporary copy. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Report what 'upgrade store' would find in a Neo4j 4.4 dump, without changing anything: the "
                + "store format, BTREE indexes to convert, the alchemiscale shape, networks without marks, "
                + "LocalDateTime values to convert, identities, and the command to run next.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore upgrade check --from-dump backups/neo4j-2024-05-01.dump --output json"})
final class UpgradeCheckCommand extends ReportingCommand {

    @Option(names = "--from-dump", paramLabel = "FILE", required = true, description = "The Neo4j 4.4 dump.")
    Path dump;

    @Option(names = "--target", paramLabel = "VERSION", description = "The target 'upgrade store' would stop at "
            + "(0.4.0 for alchemiscale v0.4.x to v0.6.x); default and 'latest': the newest bundled unit. A version "
            + "that names no bundled unit fails (exit 6).")
    String target;

    UpgradeCheckCommand(Console console) {
        super(console);
    }

    @Override
    Report report() {
        try {
            return UpgradeReports.checked(new UpgradeCheck(console::log).run(dump, UpgradeCommand.target(target)));
        } catch (UpgradeFailure f) {
            return UpgradeReports.checkFailed(f);
        }
    }
}
