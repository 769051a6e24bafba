package org.statestore.text.internal;

/**
 * Text from outside (a backup file, a database, a command line) made safe to print in a one-line message: it can
 * hold anything, including terminal escape sequences, so every control, format and separator character (C0, DEL, C1, bidi
 * overrides, line separators) and every lone surrogate is shown as {@code \\uXXXX}. The result is one
 * printable line and stays the same text inside JSON.
 */
public final class Printable {

    private static final int QUOTE_LIMIT = 80;

    private Printable() {
    }

    /** {@code text} with every non-printing character escaped; null stays null. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = null;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            boolean ok = printable(cp);
            if (!ok && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (ok) {
                    b.appendCodePoint(cp);
                } else {
                    b.append(String.format("\\u%04x", cp));
                }
            }
            i += n;
        }
        return b == null ? text : b.toString();
    }

    /** {@code 'text'}, escaped, whole: an identifier or scope that can neither break a message line nor forge one. */
    public static String quoted(String text) {
        return "'" + escape(text == null ? "" : text) + "'";
    }

    /** {@code 'text'}, escaped and cut to a readable length, for quoting file content in an error line. */
    public static String quote(String text) {
        String e = escape(text);
        if (e.length() > QUOTE_LIMIT) {
            int cut = Character.isHighSurrogate(e.charAt(QUOTE_LIMIT - 1)) ? QUOTE_LIMIT - 1 : QUOTE_LIMIT;
            e = e.substring(0, cut) + "... (" + text.length() + " characters)";
        }
        return "'" + e + "'";
    }

    private static boolean printable(int cp) {
        return switch (Character.getType(cp)) {
            // SURROGATE: codePointAt returns a lone surrogate as itself.
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> false;
            default -> true;
        };
    }
}
