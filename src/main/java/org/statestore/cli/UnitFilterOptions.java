package org.statestore.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.statestore.migrate.UnitFilter;
import org.statestore.migrate.UnitState;

import picocli.CommandLine.Option;

/** {@code migrate info}'s {@code --state} and {@code --since}: which units it lists. */
final class UnitFilterOptions {

    @Option(names = "--state", paramLabel = "STATE", split = ",",
            description = "Only units in these states (e.g. pending,failed): pending, running, success, failed, "
                    + "undone, baseline, ignored, future, missing, out-of-order, above-target, forgotten, skipped.")
    List<String> states = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only units installed at or after TIME (2026-11-01 or 2026-11-01T12:00:00Z).")
    String since;

    /** The filter these flags describe; an unknown state or a malformed time is a usage error (exit 2). */
    UnitFilter filter() {
        Set<UnitState> wanted = EnumSet.noneOf(UnitState.class);
        for (String s : states) {
            String label = s.strip().toLowerCase(Locale.ROOT);
            wanted.add(Arrays.stream(UnitState.values()).filter(u -> u.label().equals(label)).findFirst()
                    .orElseThrow(() -> new UsageException("--state: unknown state '" + s + "'")));
        }
        return new UnitFilter(wanted, Optional.ofNullable(since).map(UnitFilterOptions::instant));
    }

    /** A bare date is midnight UTC. */
    private static Instant instant(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("--since: '" + text + "' is not a date (2026-11-01) or a time "
                    + "(2026-11-01T12:00:00Z)");
        }
    }
}
