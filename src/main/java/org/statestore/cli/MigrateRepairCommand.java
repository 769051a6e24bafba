package org.statestore.cli;

import java.util.Optional;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.migrate.Repair;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore migrate repair}: explicit fixes to the chain, one at a time, each printed. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Fix the history chain, explicitly: without options, mark every failed unit for retry by the "
                + "next 'migrate up'; --accept-checksum records an edited unit's new checksum; --forget retires the "
                + "entry of a deliberately deleted unit (kept for audit). Prints every change; takes the lock; never "
                + "touches data."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate repair", "  statestore migrate repair --accept-checksum 0.4.0",
                "  statestore migrate repair --forget 0.2.0"})
final class MigrateRepairCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    UnitOptions units;

    @Mixin
    OutputOptions output;

    @Mixin
    LockOptions lock;

    @Option(names = "--accept-checksum", paramLabel = "VERSION", description = "Record this edited unit's new checksum.")
    String acceptChecksum;

    @Option(names = "--forget", paramLabel = "VERSION", description = "Retire the entry of this deleted unit.")
    String forget;

    MigrateRepairCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Repair.Request request = new Repair.Request(
                Optional.ofNullable(acceptChecksum).map(MigrateUpCommand::parseVersion),
                Optional.ofNullable(forget).map(MigrateUpCommand::parseVersion));
        StatestoreConfig config = units.applyTo(StatestoreConfig.builder(), console)
                .connection(connection.settings(console)).lease(lock.settings()).log(console::log).build();
        Repair.Outcome outcome;
        try (Statestore store = Statestore.open(config)) {
            outcome = store.repair(request);
        }
        ExitCode code = outcome instanceof Repair.Outcome.Repaired ? ExitCode.OK : ExitCode.REFUSED;
        String error = outcome instanceof Repair.Outcome.Refused r ? r.reason() : null;
        var changes = outcome instanceof Repair.Outcome.Repaired r ? r.changes() : java.util.List.<String>of();
        if (output.json()) {
            var doc = JsonOutput.envelope(commandName(), code, error);
            doc.put("changes", changes);
            JsonOutput.print(console.out(), doc);
        } else {
            changes.forEach(console.out()::println);
            if (code == ExitCode.OK && changes.isEmpty()) {
                console.out().println("nothing to repair");
            }
            console.out().flush();
        }
        if (error != null) {
            console.error(error);
        }
        return code.code();
    }

    @Override
    public String commandName() {
        return "migrate repair";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
