package org.statestore.identity;

/** User-given text shown inside one-line messages. */
public final class Printable {

    private Printable() {
    }

    /**
     * {@code text} in single quotes, with control, format and line or paragraph separator characters written
     * as {@code \}{@code uXXXX}, so an identifier or scope can neither break a message line nor forge one.
     */
    public static String quoted(String text) {
        StringBuilder b = new StringBuilder("'");
        (text == null ? "" : text).codePoints().forEach(c -> {
            int kind = Character.getType(c);
            if (Character.isISOControl(c) || kind == Character.FORMAT || kind == Character.LINE_SEPARATOR
                    || kind == Character.PARAGRAPH_SEPARATOR) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('\'').toString();
    }
}
