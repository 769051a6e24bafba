package org.statestore.cli;

import java.time.Duration;

import org.statestore.Statestore;
import org.statestore.migrate.Version;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore migrate await}: blocks an application pod until the schema it needs is there. */
@Command(name = "await",
        description = "Wait, without taking the migration lock, until the database's history reaches --version "
                + "(for app pods that must not start before the schema is there). Exit 0 when reached, 8 on timeout.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate await --version 0.4.0 --timeout 10m"})
final class MigrateAwaitCommand extends MigrationCommand {

    @Mixin
    HelpOption help;

    @Option(names = "--version", paramLabel = "VERSION", required = true, description = "The version to wait for.")
    String version;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10m",
            description = "Give up after this long (exit 8). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2s",
            description = "How often to read the history. Default: ${DEFAULT-VALUE}.")
    Duration interval;

    private Version wanted;

    MigrateAwaitCommand(Console console) {
        super(console);
    }

    @Override
    void prepare() {
        wanted = parseVersion(version);
        if (interval.isZero()) {
            throw new UsageException("--interval must be positive");
        }
    }

    /** A pod may start before its database: the whole timeout also covers reaching it. */
    @Override
    Duration waitForDb() {
        return timeout;
    }

    @Override
    Report report(Statestore store) {
        return MigrateReports.await(store.awaitVersion(wanted, timeout, interval), wanted, timeout);
    }
}
