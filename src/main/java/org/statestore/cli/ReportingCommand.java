package org.statestore.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that produces one {@link Report}: it owns the console and the {@code --output} option, takes its
 * name from picocli and hands its report to the {@link ReportPrinter}. A leaf implements {@link #report()}.
 */
abstract class ReportingCommand implements Callable<Integer> {

    final Console console;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    ReportingCommand(Console console) {
        this.console = console;
    }

    /** Runs the command; exceptions reach {@link Main}'s handler, which prints them through the same printer. */
    abstract Report report();

    @Override
    public final Integer call() {
        Report report = report();
        if (console.stop().isRequested()) {
            report = report.stopped(ExitCode.stoppedBy(console.stop()));
        }
        return new ReportPrinter(console).print(commandName(), json(), report);
    }

    /** The command as typed, e.g. {@code migrate up}: picocli's qualified name without the tool's own. */
    final String commandName() {
        return CommandNames.of(spec);
    }

    /** True when the user asked for one JSON document on stdout. */
    final boolean json() {
        return output != null && output.json();
    }
}
