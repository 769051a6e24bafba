package org.statestore.migrate.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.statestore.cypher.Statement;

/**
 * A {@code CALL { } IN TRANSACTIONS} statement whose rows can be counted for free: it is driven by a bare
 * {@code MATCH (n:Label)}, {@code MATCH (n)} or {@code MATCH ()-[r:TYPE]->()}, whose counts Neo4j keeps in its
 * count store, and it ends with the batching clause (no {@code ON ERROR} or {@code REPORT STATUS} of its own).
 * Such a statement is run with {@code ON ERROR BREAK REPORT STATUS} added, which streams one status row per
 * driving row as each inner transaction commits: that is what a progress bar counts. Inner transactions
 * commit exactly as they would have; the first failed one stops the rest, as {@code ON ERROR FAIL} does.
 * Leading query options ({@code CYPHER 25}, {@code CYPHER runtime=slotted}) do not change the form.
 *
 * @param countQuery the count-store query for the statement's rows
 * @param reporting  the statement as sent, with its status rows returned
 */
record BatchedStatement(String countQuery, String reporting) {

    static final String COMMITTED = "__statestore_committed";
    static final String ERROR = "__statestore_error";

    // Plain names only: the pattern is taken from the code-only text, whose comments are shortened and whose
    // quoted names are blanked, so a backtick name would not survive.
    private static final String NAME = "\\w+";
    private static final Pattern FORM = Pattern.compile(
            "\\s*MATCH\\s*(?<pattern>\\(\\s*\\w*\\s*(?::\\s*" + NAME + ")?\\s*\\)"
                    + "|\\(\\s*\\)\\s*-\\s*\\[\\s*\\w*\\s*(?::\\s*" + NAME + ")?\\s*\\]\\s*->\\s*\\(\\s*\\))"
                    + "\\s*CALL\\s*(?:\\([^)]*\\)\\s*)?\\{.*\\}\\s*IN\\s+TRANSACTIONS"
                    + "(?:\\s+OF\\s+(?:\\d+|\\$\\w+)\\s+ROWS?)?\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** The countable form of {@code statement}, if it has one. */
    static Optional<BatchedStatement> of(Statement statement) {
        // Matched on the code-only text (comments and strings blanked), so a keyword in a literal cannot match, and
        // behind any query options (CYPHER 25 ...): they stay in front of the reporting form, which is the statement's
        // own text, and the count query needs none, since every Cypher version reads the count store alike.
        String code = statement.codeAfterQueryOptions();
        Matcher m = FORM.matcher(code);
        if (!m.matches()) {
            return Optional.empty();
        }
        String pattern = m.group("pattern");
        return Optional.of(new BatchedStatement("MATCH " + pattern + " RETURN count(*) AS rows",
                statement.text() + "\nON ERROR BREAK REPORT STATUS AS __statestore_status\nRETURN "
                        + "__statestore_status.committed AS " + COMMITTED + ", __statestore_status.errorMessage AS "
                        + ERROR));
    }
}
