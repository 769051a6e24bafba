package org.statestore.cli;

import org.statestore.Statestore;
import org.statestore.cli.MigrateReports.Verdict;
import org.statestore.migrate.UndoRequest;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statestore migrate undo}: rolls applied units back from their recorded rollback notes. */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = {"Roll applied units back, newest first, from the rollback notes recorded with them (so an "
                + "older release can undo units it no longer ships). Undone entries stay in the chain marked undone; "
                + "the next 'migrate up' applies them again.",
                "Stops at the first irreversible unit (exit 7, naming it and its note) and never goes below a baseline."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate undo --steps 1", "  statestore migrate undo --to 0.3.0 --dry-run"})
final class MigrateUndoCommand extends LeasedMigrationCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    UndoRange range;

    @Option(names = "--dry-run", description = "Print what would be undone and check each recorded statement with "
            + "the live server (EXPLAIN); take no lock and write nothing.")
    boolean dryRun;

    private UndoRequest request;

    MigrateUndoCommand(Console console) {
        super(console);
    }

    @Override
    void prepare() {
        try {
            request = range.to != null ? UndoRequest.to(parseVersion(range.to)) : UndoRequest.steps(range.steps);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    Report report(Statestore store) {
        if (dryRun) {
            // An undo's plan is never refused as a whole; if it were, that is a bug, shown with the result.
            return DryRunReport.of(store.dryRunUndo(request), r -> Verdict.failed(ExitCode.INTERNAL, String.valueOf(r)));
        }
        return MigrateReports.undo(store.undo(request));
    }
}
