package org.statestore.backup.internal;

import java.util.Map;

/** A statement a restore runs and its parameters; the text is built by statestore, never taken from a file. */
record CypherStatement(String text, Map<String, Object> parameters) {

    CypherStatement {
        parameters = Map.copyOf(parameters);
    }
}
