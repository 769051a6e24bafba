package org.statestore.cypher;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Cypher statement of a script, its text exactly as written (without the closing {@code ;}) and
 * the 1-based line and column of the script where it starts (a statement may start mid-line, after
 * another one's {@code ;}), so a position the server reports inside the statement can be told in the file.
 */
public record Statement(String text, int line, int column) {

    // Schema commands cannot share a transaction with data writes in Neo4j 5.
    private static final Pattern SCHEMA_COMMAND = Pattern.compile(
            "^(CREATE|DROP)\\s+(OR\\s+REPLACE\\s+)?((RANGE|TEXT|POINT|LOOKUP|FULLTEXT|VECTOR|BTREE)\\s+)?(CONSTRAINT|INDEX)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    // Query options in front of a statement (CYPHER 25, CYPHER 5, CYPHER runtime=slotted, CYPHER 25 runtime=parallel,
    // several CYPHER prefixes) choose how Neo4j plans it, not what it does: the statement is what follows them.
    private static final Pattern QUERY_OPTIONS = Pattern.compile(
            "^\\s*(?:CYPHER(?:\\s+\\d+(?:\\.\\d+)?)?(?:\\s+\\w+\\s*=\\s*\\w+)*(?=\\s|$)\\s*)+",
            Pattern.CASE_INSENSITIVE);

    // IN TRANSACTIONS after a closing brace, outside literals; matched on the code-only text.
    private static final Pattern IN_TRANSACTIONS = Pattern.compile(
            "\\}\\s*IN\\s+(\\d+\\s+|\\$\\w+\\s+)?(CONCURRENT\\s+)?TRANSACTIONS\\b", Pattern.CASE_INSENSITIVE);

    public Statement {
        Objects.requireNonNull(text, "text");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column must be >= 1");
        }
    }

    /** A statement that starts at the beginning of {@code line}. */
    public Statement(String text, int line) {
        this(text, line, 1);
    }

    /** The same statement at the same position with other text (placeholders resolved). */
    public Statement withText(String other) {
        return new Statement(other, line, column);
    }

    /** The text with comments and string contents blanked out, for keyword checks that must not see literals. */
    public String code() {
        return ScriptLexer.codeOnly(text);
    }

    /**
     * The code-only text ({@link #code()}) after any leading query options ({@code CYPHER 25},
     * {@code CYPHER runtime=slotted}, ...), stripped: the statement itself, for telling what kind it is.
     */
    public String codeAfterQueryOptions() {
        String code = code();
        Matcher options = QUERY_OPTIONS.matcher(code);
        return (options.lookingAt() ? code.substring(options.end()) : code).strip();
    }

    /** True for CREATE/DROP of a constraint or index, behind any query options. */
    public boolean isSchemaCommand() {
        return SCHEMA_COMMAND.matcher(codeAfterQueryOptions()).matches();
    }

    /** True when the statement batches itself with {@code CALL { ... } IN TRANSACTIONS}. */
    public boolean isCallInTransactions() {
        return IN_TRANSACTIONS.matcher(code()).find();
    }

    /**
     * The form the checksum is computed over: line endings as LF, trailing whitespace of every line
     * removed, leading and trailing blank lines removed.
     */
    public String normalised() {
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(lf.length());
        for (String l : lf.split("\n", -1)) {
            out.append(l.stripTrailing()).append('\n');
        }
        return out.toString().strip();
    }

    /** The first line of the statement, shortened, for messages. */
    public String summary() {
        String first = text.strip().lines().findFirst().orElse("");
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }

    @Override
    public String toString() {
        return "line " + line + ": " + summary();
    }
}
