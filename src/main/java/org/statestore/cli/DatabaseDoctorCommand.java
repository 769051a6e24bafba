package org.statestore.cli;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.alchemiscale.AlchemiscaleRelease;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code statestore database doctor}: what one alchemiscale release cannot read, each with its fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"List what an alchemiscale release cannot read in the database, each finding with the "
                + "command that fixes it. Writes nothing.",
                "Findings: alchemiscale's 'database check'; statestore's history (chain intact, no unit running, "
                + "failed, edited or unknown here; pending units are fine); AlchemicalNetworks without a NetworkMark "
                + "(v0.4+); times in the type the release does not compare (LocalDateTime for v0.7+, zoned DateTime "
                + "before v0.7); registrations without failure_times (v0.7+); compute service identifiers that are "
                + "not {name}-{32 hex digits} (after v0.7.2); identities whose identifier alchemiscale's /token "
                + "lookup cannot match (a ' or \\, or empty).",
                "Prints the release checked and one line per finding and exits 6, or one 'ok' line and exits 0."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore database doctor", "  statestore database doctor --release 0.6.2",
                "  statestore database doctor --release next --output json"})
final class DatabaseDoctorCommand extends StoreCommand {

    // The units, to judge the history by; not a migration command, so only an existing local store is used.
    @Mixin
    UnitOptions units;

    @Option(names = "--release", paramLabel = "VERSION", converter = ReleaseConverter.class,
            description = "The alchemiscale release to check for: a version such as 0.6.2 or 0.7.2, or next "
                    + "(alchemiscale's unreleased main). Default: the newest release, 0.7.2.")
    AlchemiscaleRelease release = AlchemiscaleRelease.newest();

    DatabaseDoctorCommand(Console console) {
        super(console);
    }

    @Override
    StatestoreConfig.Builder config() {
        return units.applyTo(super.config(), console);
    }

    @Override
    Report report(Statestore store) {
        return DatabaseReports.doctor(store.alchemiscale().doctor(release));
    }

    static final class ReleaseConverter implements ITypeConverter<AlchemiscaleRelease> {
        @Override
        public AlchemiscaleRelease convert(String value) {
            try {
                return AlchemiscaleRelease.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
