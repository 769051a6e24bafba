package org.statestore.cli;

import org.statestore.Statestore;
import org.statestore.alchemiscale.RegistrationExpiry.Selection;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
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
final class DatabaseExpireRegistrationsCommand extends StoreCommand {

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
        super(console);
    }

    @Override
    Report report(Statestore store) {
        Selection selection = which.all ? Selection.ALL : Selection.NONCONFORMING;
        return DatabaseReports.expiry(store.alchemiscale().expireRegistrations(selection, dryRun));
    }
}
