package org.statestore.alchemiscale;

import java.util.List;

/**
 * What {@code database reset} deleted.
 *
 * @param relationshipsDeleted every relationship
 * @param nodesDeleted         every node, statestore's history included
 * @param constraintsDropped   which of alchemiscale's four constraints existed and were dropped
 */
public record ResetResult(long relationshipsDeleted, long nodesDeleted, List<String> constraintsDropped) {

    public ResetResult {
        constraintsDropped = List.copyOf(constraintsDropped);
    }
}
