package org.statestore.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.migrate.UndoRequest;
import org.statestore.migrate.UndoResult;
import org.statestore.migrate.Version;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore migrate undo}: rolls applied units back from their recorded rollback notes. */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = {"Roll applied units back, newest first, from the rollback notes recorded with them (so an "
                + "older release can undo units it no longer ships). Undone entries stay in the chain marked undone; "
                + "the next 'migrate up' applies them again.",
                "Stops at the first irreversible unit (exit 7, naming it and its note) and never goes below a baseline."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate undo --steps 1", "  statestore migrate undo --to 0.3.0 --dry-run"})
final class MigrateUndoCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    UnitOptions units;

    @Mixin
    OutputOptions output;

    @Mixin
    LockOptions lock;

    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    UndoRange range;

    @Option(names = "--dry-run", description = "Print what would be undone and check each recorded statement with "
            + "the live server (EXPLAIN); take no lock and write nothing.")
    boolean dryRun;

    MigrateUndoCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        UndoRequest request;
        try {
            request = range.to != null ? UndoRequest.to(MigrateUpCommand.parseVersion(range.to))
                    : UndoRequest.steps(range.steps);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        StatestoreConfig config = units.applyTo(StatestoreConfig.builder(), console)
                .connection(connection.settings(console)).lease(lock.settings()).stopSignal(console.stop())
                .log(console::log).progress(console.progress()).build();
        try (Statestore store = Statestore.open(config)) {
            if (dryRun) {
                var printed = DryRunReport.print(console, output.json(), commandName() + " --dry-run",
                        store.dryRunUndo(request), r -> Map.entry(ExitCode.INTERNAL, String.valueOf(r)));
                if (!printed.getValue().isEmpty()) {
                    console.log(printed.getValue());
                }
                return printed.getKey().code();
            }
            return report(store.undo(request)).code();
        }
    }

    private ExitCode report(UndoResult result) {
        ExitCode code = ExitCode.OK;
        String error = null;
        if (result instanceof UndoResult.StoppedAtIrreversible s) {
            code = ExitCode.UNIT_FAILED;
            error = "stopped at unit " + s.version() + " (" + s.description() + "): it is irreversible ("
                    + s.note() + "); it and everything below it were not touched";
        } else if (result instanceof UndoResult.StoppedAtBaseline b) {
            code = ExitCode.UNIT_FAILED;
            error = "stopped at the baseline " + b.baseline() + ": undo never goes below what statestore did not "
                    + "apply itself (restore a backup to go further)";
        } else if (result instanceof UndoResult.UndoFailed f) {
            code = ExitCode.UNIT_FAILED;
            error = "undo of unit " + f.version() + " failed: " + f.error().message() + " [" + f.error().code()
                    + "]; it stays applied";
        } else if (result instanceof UndoResult.LockTimeout t) {
            code = ExitCode.LOCK_TIMEOUT;
            error = t.message();
        }
        if (output.json()) {
            var doc = JsonOutput.envelope(commandName(), code, error);
            doc.put("undone", result.undone().stream().map(Version::text).toList());
            JsonOutput.print(console.out(), doc);
        } else {
            result.undone().forEach(v -> console.out().println("undone " + v));
            if (code == ExitCode.OK && result.undone().isEmpty()) {
                console.out().println("nothing to undo");
            }
            console.out().flush();
        }
        if (error != null) {
            console.error(error);
        }
        return code;
    }

    @Override
    public String commandName() {
        return "migrate undo";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
