package org.statestore.cypher;

import java.util.ArrayList;
import java.util.List;

/** A single-pass scanner over Cypher text that knows where literals, names and comments begin and end. */
final class ScriptLexer {

    private enum Mode { CODE, SINGLE_QUOTED, DOUBLE_QUOTED, BACKTICK, LINE_COMMENT, BLOCK_COMMENT }

    private ScriptLexer() {
    }

    /** Splits on {@code ;} in code; returns every segment that holds code, stripped, with its start line and column. */
    static List<Statement> split(String source, String scriptName) {
        List<Statement> statements = new ArrayList<>();
        Mode mode = Mode.CODE;
        int line = 1;
        int modeStartLine = 1;
        int segmentStart = 0;
        boolean segmentHasCode = false;
        int n = source.length();
        for (int i = 0; i < n; i++) {
            char c = source.charAt(i);
            char next = i + 1 < n ? source.charAt(i + 1) : '\0';
            switch (mode) {
                case CODE -> {
                    if (c == ';') {
                        addSegment(statements, source, segmentStart, i, segmentHasCode);
                        segmentStart = i + 1;
                        segmentHasCode = false;
                    } else if (c == '/' && next == '/') {
                        mode = Mode.LINE_COMMENT;
                        i++;
                    } else if (c == '/' && next == '*') {
                        mode = Mode.BLOCK_COMMENT;
                        modeStartLine = line;
                        i++;
                    } else if (c == '\'' || c == '"' || c == '`') {
                        mode = c == '\'' ? Mode.SINGLE_QUOTED : c == '"' ? Mode.DOUBLE_QUOTED : Mode.BACKTICK;
                        modeStartLine = line;
                        segmentHasCode = true;
                    } else if (!Character.isWhitespace(c)) {
                        segmentHasCode = true;
                    }
                }
                case SINGLE_QUOTED, DOUBLE_QUOTED -> {
                    char quote = mode == Mode.SINGLE_QUOTED ? '\'' : '"';
                    if (c == '\\') {
                        if (next == '\n') {
                            line++;
                        }
                        i++; // the escaped character never ends the literal
                    } else if (c == quote) {
                        mode = Mode.CODE;
                    }
                }
                case BACKTICK -> {
                    if (c == '`') {
                        if (next == '`') {
                            i++; // `` is an escaped backtick inside a name
                        } else {
                            mode = Mode.CODE;
                        }
                    }
                }
                case LINE_COMMENT -> {
                    if (c == '\n') {
                        mode = Mode.CODE;
                    }
                }
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        mode = Mode.CODE;
                        i++;
                    }
                }
            }
            if (c == '\n') {
                line++;
            }
        }
        switch (mode) {
            case SINGLE_QUOTED, DOUBLE_QUOTED -> throw new ScriptSyntaxException(scriptName, modeStartLine,
                    "string literal opened here is never closed");
            case BACKTICK -> throw new ScriptSyntaxException(scriptName, modeStartLine,
                    "backtick name opened here is never closed");
            case BLOCK_COMMENT -> throw new ScriptSyntaxException(scriptName, modeStartLine,
                    "block comment opened here is never closed");
            default -> addSegment(statements, source, segmentStart, n, segmentHasCode);
        }
        return statements;
    }

    private static void addSegment(List<Statement> out, String source, int from, int to, boolean hasCode) {
        if (!hasCode) {
            return; // whitespace and comments only: nothing to send
        }
        int start = from;
        while (start < to && Character.isWhitespace(source.charAt(start))) {
            start++;
        }
        int end = to;
        while (end > start && Character.isWhitespace(source.charAt(end - 1))) {
            end--;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < start; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        out.add(new Statement(source.substring(start, end), line, start - lineStart + 1));
    }

    /** The text with comments replaced by a space and the insides of string literals emptied. */
    static String codeOnly(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Mode mode = Mode.CODE;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            switch (mode) {
                case CODE -> {
                    if (c == '/' && next == '/') {
                        mode = Mode.LINE_COMMENT;
                        out.append(' ');
                        i++;
                    } else if (c == '/' && next == '*') {
                        mode = Mode.BLOCK_COMMENT;
                        out.append(' ');
                        i++;
                    } else {
                        if (c == '\'') {
                            mode = Mode.SINGLE_QUOTED;
                        } else if (c == '"') {
                            mode = Mode.DOUBLE_QUOTED;
                        } else if (c == '`') {
                            mode = Mode.BACKTICK;
                        }
                        out.append(c);
                    }
                }
                case SINGLE_QUOTED, DOUBLE_QUOTED -> {
                    char quote = mode == Mode.SINGLE_QUOTED ? '\'' : '"';
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        mode = Mode.CODE;
                        out.append(c);
                    }
                }
                case BACKTICK -> {
                    if (c == '`' && next == '`') {
                        i++;
                    } else if (c == '`') {
                        mode = Mode.CODE;
                        out.append(c);
                    }
                }
                case LINE_COMMENT -> {
                    if (c == '\n') {
                        mode = Mode.CODE;
                        out.append('\n');
                    }
                }
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        mode = Mode.CODE;
                        i++;
                    }
                }
            }
        }
        return out.toString();
    }
}
