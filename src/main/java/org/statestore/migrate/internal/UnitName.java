package org.statestore.migrate.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.statestore.migrate.Version;

/**
 * The version and description encoded in a unit's file or class name, {@code V<version>__<Description>}.
 * Underscores in the description read as spaces, as in Flyway and neo4j-migrations.
 */
public record UnitName(Version version, String description) {

    private static final Pattern NAME = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(\\w+)");
    private static final Pattern UNDO_NAME = Pattern.compile("U(\\d+(?:[._]\\d+)*)__(\\w+)");

    /**
     * Parses a bare name (no extension); returns a description of what is wrong instead of throwing, so
     * discovery can list every bad name at once.
     */
    public static Optional<UnitName> parse(String bare) {
        return parse(NAME, bare);
    }

    /** Parses an undo script's bare name, {@code U<version>__<Description>}. */
    public static Optional<UnitName> parseUndo(String bare) {
        return parse(UNDO_NAME, bare);
    }

    private static Optional<UnitName> parse(Pattern pattern, String bare) {
        Matcher m = pattern.matcher(bare);
        if (!m.matches()) {
            return Optional.empty();
        }
        String description = m.group(2).replace('_', ' ').strip();
        if (description.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UnitName(Version.parse(m.group(1)), description));
    }

    private static final Pattern REPEATABLE_NAME = Pattern.compile("R__(\\w+)");

    /** The description of an {@code R__<Description>} name. */
    public static Optional<String> parseRepeatable(String bare) {
        Matcher m = REPEATABLE_NAME.matcher(bare);
        if (!m.matches()) {
            return Optional.empty();
        }
        String description = m.group(1).replace('_', ' ').strip();
        return description.isEmpty() ? Optional.empty() : Optional.of(description);
    }

    /** The rule names must follow, for error messages. */
    public static String rule() {
        return "V<version>__<Description> with a version of digits separated by '_' or '.', "
                + "e.g. V0_1_0__Constraints";
    }
}
