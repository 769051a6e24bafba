package org.statestore.cypher;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Cypher statement of a script, its text exactly as written (without the closing {@code ;}) and
 * the 1-based line it starts on.
 */
public record Statement(String text, int line) {

    // Schema commands cannot share a transaction with data writes in Neo4j 5.
    private static final Pattern SCHEMA_COMMAND = Pattern.compile(
            "^(CREATE|DROP)\\s+(OR\\s+REPLACE\\s+)?((RANGE|TEXT|POINT|LOOKUP|FULLTEXT|VECTOR|BTREE)\\s+)?(CONSTRAINT|INDEX)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    // IN TRANSACTIONS after a closing brace, outside literals; matched on the code-only text.
    private static final Pattern IN_TRANSACTIONS = Pattern.compile(
            "\\}\\s*IN\\s+(\\d+\\s+|\\$\\w+\\s+)?(CONCURRENT\\s+)?TRANSACTIONS\\b", Pattern.CASE_INSENSITIVE);

    public Statement {
        Objects.requireNonNull(text, "text");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1");
        }
    }

    /** The text with comments and string contents blanked out, for keyword checks that must not see literals. */
    public String code() {
        return ScriptLexer.codeOnly(text);
    }

    /** True for CREATE/DROP of a constraint or index. */
    public boolean isSchemaCommand() {
        return SCHEMA_COMMAND.matcher(code().strip()).matches();
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
