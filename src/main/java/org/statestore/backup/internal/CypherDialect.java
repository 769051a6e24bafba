package org.statestore.backup.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.statestore.text.internal.Printable;

/**
 * How a restore names labels, relationship types and schema elements to the target server. No text of
 * a backup file is ever run: from Neo4j 5.26 labels and types are parameters ({@code CREATE (n:$($labels))},
 * {@code CREATE ()-[r:$($type)]->()}) and schema names and options are parameters too; an older server
 * gets backtick-quoted names, and a name holding a backtick or backslash is refused for it before anything
 * is written.
 */
enum CypherDialect {

    /** Neo4j 5.26 and later (including the 2025.x calendar versions): dynamic labels and types. */
    DYNAMIC,
    /** Older servers: quoted names, restricted to names without backticks or backslashes. */
    QUOTED;

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    /** The dialect for a server reporting {@code version} (e.g. {@code 5.26.30}, {@code 2025.01.0}); unknown is QUOTED. */
    static CypherDialect forVersion(String version) {
        Matcher m = VERSION.matcher(version == null ? "" : version);
        if (!m.lookingAt()) {
            return QUOTED;
        }
        int major;
        int minor;
        try {
            major = Integer.parseInt(m.group(1));
            minor = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            return QUOTED;
        }
        return major > 5 || (major == 5 && minor >= 26) ? DYNAMIC : QUOTED;
    }

    /** Why {@code name} cannot be written to a server of this dialect, or null. */
    String nameProblem(String name) {
        if (name.indexOf('\\') >= 0) {
            return "holds a backslash";
        }
        if (this == QUOTED && name.indexOf('`') >= 0) {
            return "holds a backtick, which this server (older than Neo4j 5.26) cannot take as a parameter";
        }
        return null;
    }

    /**
     * {@code name} as a backtick-quoted Cypher identifier. Only names without backslashes reach here (the
     * reader refuses them), and then doubling backticks is the whole escape.
     */
    String quote(String name) {
        String problem = nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("name " + Printable.quote(name) + " " + problem);
        }
        return "`" + name.replace("`", "``") + "`";
    }
}
