package org.statestore.migrate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.statestore.neo4j.ServerInfo;

/**
 * A condition on the server a Cypher unit declares in its header: {@code neo4j >= 5.0} (operators
 * {@code >= > <= < =}, compared part by part) or {@code edition enterprise} / {@code edition community}.
 *
 * @param onUnmet what happens when the server does not meet it: {@code // requires:} fails the run before
 *                anything is written, {@code // skip-unless:} skips the unit and records it as skipped
 * @param text    the condition as written
 */
public record Precondition(OnUnmet onUnmet, String text, Kind kind, String operator, String operand) {

    /** The header keys, as written in a unit's leading comments. */
    public static final String REQUIRES = "requires";
    public static final String SKIP_UNLESS = "skip-unless";

    public enum OnUnmet { FAIL, SKIP }

    public enum Kind { VERSION, EDITION }

    private static final Pattern VERSION_FORM = Pattern.compile("neo4j\\s*(>=|<=|>|<|=)\\s*(\\d+(?:\\.\\d+)*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EDITION_FORM = Pattern.compile("edition\\s+(enterprise|community)",
            Pattern.CASE_INSENSITIVE);

    /** Parses a header value; {@link IllegalArgumentException} with the accepted forms otherwise. */
    public static Precondition parse(String key, String value) {
        OnUnmet onUnmet = key.equals(REQUIRES) ? OnUnmet.FAIL : OnUnmet.SKIP;
        String text = value.strip();
        Matcher v = VERSION_FORM.matcher(text);
        if (v.matches()) {
            return new Precondition(onUnmet, text, Kind.VERSION, v.group(1), v.group(2));
        }
        Matcher e = EDITION_FORM.matcher(text);
        if (e.matches()) {
            return new Precondition(onUnmet, text, Kind.EDITION, "=", e.group(1).toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("'// " + key + ": " + text + "' is not a precondition; write "
                + "'neo4j >= 5.0' (>=, >, <=, <, =) or 'edition enterprise' / 'edition community'");
    }

    /** Whether {@code server} meets the condition. */
    public boolean metBy(ServerInfo server) {
        if (kind == Kind.EDITION) {
            return server.edition().toLowerCase(Locale.ROOT).startsWith(operand);
        }
        int c = compare(server.version(), operand);
        return switch (operator) {
            case ">=" -> c >= 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            case "<" -> c < 0;
            default -> c == 0;
        };
    }

    /** Compares the numeric parts the condition names ({@code 5.26.30} equals {@code 5.26} for {@code = 5.26}). */
    private static int compare(String serverVersion, String wanted) {
        String[] have = serverVersion.split("[^0-9]+");
        String[] want = wanted.split("\\.");
        for (int i = 0; i < want.length; i++) {
            long h = i < have.length && !have[i].isEmpty() ? Long.parseLong(have[i]) : 0;
            long w = Long.parseLong(want[i]);
            if (h != w) {
                return Long.compare(h, w);
            }
        }
        return 0;
    }

    /** How the condition reads in messages. */
    public String describe() {
        return "// " + (onUnmet == OnUnmet.FAIL ? REQUIRES : SKIP_UNLESS) + ": " + text;
    }
}
