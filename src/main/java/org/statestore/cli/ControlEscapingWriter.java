package org.statestore.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes every control character except newline and tab as a visible {@code \\uXXXX} escape. Names, identifiers
 * and header fields printed by the commands come from databases and files statestore did not write, and a
 * terminal would obey an escape sequence or a carriage return hidden in them (recolouring, rewriting or
 * forging earlier lines). JSON output is unaffected: Jackson already escapes control characters.
 */
final class ControlEscapingWriter extends FilterWriter {

    ControlEscapingWriter(Writer out) {
        super(out);
    }

    /** {@code text} with its control characters escaped as this writer writes them. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            append(b, text.charAt(i));
        }
        return b.toString();
    }

    private static boolean control(char c) {
        return c != '\n' && c != '\t' && (c < 0x20 || c >= 0x7f && c <= 0x9f);
    }

    private static void append(StringBuilder b, char c) {
        if (control(c)) {
            b.append(String.format("\\u%04x", (int) c));
        } else {
            b.append(c);
        }
    }

    @Override
    public void write(int c) throws IOException {
        if (control((char) c)) {
            out.write(String.format("\\u%04x", c));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        boolean clean = true;
        for (int i = off; i < off + len && clean; i++) {
            clean = !control(buf[i]);
        }
        if (clean) {
            out.write(buf, off, len);
        } else {
            out.write(escape(new String(buf, off, len)));
        }
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        write(str.toCharArray(), off, len);
    }
}
