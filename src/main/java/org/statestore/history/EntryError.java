package org.statestore.history;

import java.util.Objects;

/**
 * Why a run failed.
 *
 * @param code           the Neo4j status code, or the exception's class name for other failures
 * @param message        the first line of the error message
 * @param statementIndex the 1-based index of the failing statement; 0 when no single statement failed
 */
public record EntryError(String code, String message, int statementIndex) {

    public EntryError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
