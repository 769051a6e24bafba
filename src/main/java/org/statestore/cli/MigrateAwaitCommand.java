package org.statestore.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.migrate.Version;
import org.statestore.migrate.VersionWatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore migrate await}: blocks an application pod until the schema it needs is there. */
// No standard help mixin: its -V/--version would take the --version this command needs.
@Command(name = "await",
        description = "Wait, without taking the migration lock, until the database's history reaches --version "
                + "(for app pods that must not start before the schema is there). Exit 0 when reached, 8 on timeout.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate await --version 0.4.0 --timeout 10m"})
final class MigrateAwaitCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "VERSION", required = true, description = "The version to wait for.")
    String version;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10m",
            description = "Give up after this long (exit 8). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2s",
            description = "How often to read the history. Default: ${DEFAULT-VALUE}.")
    Duration interval;

    MigrateAwaitCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Version wanted = MigrateUpCommand.parseVersion(version);
        if (interval.isZero()) {
            throw new UsageException("--interval must be positive");
        }
        StatestoreConfig config = StatestoreConfig.builder().bundledUnits(false)
                .connection(connection.settings(console, timeout)).stopSignal(console.stop()).log(console::log).build();
        VersionWatch.Outcome outcome;
        try (Statestore store = Statestore.open(config)) {
            outcome = store.awaitVersion(wanted, timeout, interval);
        }
        boolean reached = outcome instanceof VersionWatch.Outcome.Reached;
        ExitCode code = reached ? ExitCode.OK : ExitCode.PENDING;
        String current = outcome.current().map(Version::text).orElse(null);
        String error = reached ? null : "database did not reach version " + wanted + " within " + timeout.toMillis()
                + " ms (it is at " + (current == null ? "no version" : current) + ")";
        if (output.json()) {
            Map<String, Object> doc = JsonOutput.envelope(commandName(), code, error);
            doc.put("wanted", wanted.text());
            doc.put("current", current);
            JsonOutput.print(console.out(), doc);
        } else if (reached) {
            console.out().println("database is at version " + current + " (wanted " + wanted + ")");
            console.out().flush();
        }
        if (error != null) {
            console.error(error);
        }
        return code.code();
    }

    @Override
    public String commandName() {
        return "migrate await";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
