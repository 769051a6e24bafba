package org.statestore.alchemiscale.internal;

import java.util.regex.Pattern;

/**
 * Identifiers come from the database and may hold anything: quotes, backslashes, newlines, terminal escapes.
 * Findings show them through these, so each finding stays one readable line and a printed command, pasted
 * into a shell, names exactly that identifier.
 */
public final class Quoting {

    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.:@%+=,/-]+");

    private Quoting() {
    }

    /** {@code s} in double quotes, with {@code "} and {@code \} escaped and unprintable characters as escapes. */
    public static String literal(String s) {
        return escaped(s, '"');
    }

    /** {@code s} as it is when every character is printable, else as {@link #literal}. */
    public static String shown(String s) {
        return s.codePoints().allMatch(Quoting::printable) && !s.isEmpty() ? s : literal(s);
    }

    /**
     * A POSIX shell word that expands to {@code s}: bare when safe, else single-quoted, else (for unprintable
     * characters) bash's {@code $'...'}.
     */
    public static String shellWord(String s) {
        if (BARE.matcher(s).matches()) {
            return s;
        }
        if (s.codePoints().allMatch(Quoting::printable)) {
            return "'" + s.replace("'", "'\\''") + "'";
        }
        return "$" + escaped(s, '\'');
    }

    /** {@code s} between {@code quote}s, with the quote, {@code \} and unprintable characters as backslash escapes. */
    private static String escaped(String s, char quote) {
        StringBuilder b = new StringBuilder().append(quote);
        s.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') {
                b.append('\\').appendCodePoint(cp);
            } else if (cp == '\n') {
                b.append("\\n");
            } else if (cp == '\t') {
                b.append("\\t");
            } else if (cp == '\r') {
                b.append("\\r");
            } else if (printable(cp)) {
                b.appendCodePoint(cp);
            } else {
                b.append(unicodeEscape(cp));
            }
        });
        return b.append(quote).toString();
    }

    private static String unicodeEscape(int cp) {
        return cp > 0xFFFF ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp);
    }

    /** Not a control, format (such as a bidi override), separator other than space, or unassigned character. */
    static boolean printable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.UNASSIGNED, Character.SURROGATE, Character.PRIVATE_USE -> false;
            case Character.SPACE_SEPARATOR -> cp == ' ';
            default -> true;
        };
    }
}
