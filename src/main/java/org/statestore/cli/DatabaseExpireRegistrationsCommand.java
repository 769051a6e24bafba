package org.statestore.cli;

import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.alchemiscale.ExpiryResult;
import org.statestore.alchemiscale.RegistrationExpiry;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore database expire-registrations}: alchemiscale's expire_registrations, for chosen registrations. */
@Command(name = "expire-registrations", mixinStandardHelpOptions = true,
        description = {"Expire compute service registrations as alchemiscale's server expires dead ones: the "
                + "running Tasks each one claims go back to waiting, then the registration is deleted.",
                "--all takes every registration; --nonconforming only those whose identifier is not "
                + "{name}-{32 hex digits}, which alchemiscale after v0.7.2 cannot read (every service of v0.7.1 "
                + "or earlier registered {name}-{hyphenated uuid}). Drain compute services first: a live service "
                + "loses its registration and must register again. Choosing and changing is one transaction.",
                "Lists each registration and its Tasks set back to waiting; exits 0, also when nothing matched."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore database expire-registrations --nonconforming --dry-run",
                "  statestore database expire-registrations --nonconforming",
                "  statestore database expire-registrations --all --output json"})
final class DatabaseExpireRegistrationsCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--dry-run", description = "List what would be expired; change nothing.")
    boolean dryRun;

    /** Exactly one of the two selections. */
    static final class Which {
        @Option(names = "--all", required = true, description = "Every compute service registration.")
        boolean all;

        @Option(names = "--nonconforming", required = true,
                description = "Only registrations whose identifier is not {name}-{32 hex digits}.")
        boolean nonconforming;
    }

    DatabaseExpireRegistrationsCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        RegistrationExpiry.Selection selection = which.all ? RegistrationExpiry.Selection.ALL
                : RegistrationExpiry.Selection.NONCONFORMING;
        StatestoreConfig config = StatestoreConfig.builder().connection(connection.settings(console, ConnectionOptions.ImplicitStore.EXISTING_ONLY))
                .log(console::log).build();
        ExpiryResult result;
        try (Statestore store = Statestore.open(config)) {
            result = store.alchemiscale().expireRegistrations(selection, dryRun);
        }
        if (output.json()) {
            JsonOutput.print(console.out(), DatabaseFindings.json(result));
        } else {
            DatabaseFindings.text(result).forEach(console.out()::println);
            console.out().flush();
        }
        return ExitCode.OK.code();
    }

    @Override
    public String commandName() {
        return "database expire-registrations";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
