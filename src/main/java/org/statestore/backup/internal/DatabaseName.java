package org.statestore.backup.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.statestore.text.internal.Printable;

/**
 * Neo4j's rules for a database name, checked before a name becomes part of a path (an offline dump's
 * {@code <dataDir>/data/databases/<name>}, a backup's file name): 3 to 63 characters, an ASCII letter
 * first, then ASCII letters, digits, dots and dashes, compared in lower case as Neo4j normalises them.
 * {@code system} is allowed (its store can be dumped); nothing in such a name can leave a directory.
 */
public final class DatabaseName {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9.-]{2,62}");

    private DatabaseName() {
    }

    /** Why {@code name} is not a Neo4j database name, or empty when it is one. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a database name is required");
        }
        if (!NAME.matcher(normalized(name)).matches()) {
            return Optional.of(Printable.quote(name) + " is not a Neo4j database name (3 to 63 characters: an ASCII "
                    + "letter, then letters, digits, dots and dashes)");
        }
        return Optional.empty();
    }

    /** The name as Neo4j stores it: lower case. */
    public static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** {@code name}, normalised, when it is a Neo4j database name; otherwise an IllegalArgumentException saying why. */
    public static String require(String name) {
        problem(name).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return normalized(name);
    }
}
