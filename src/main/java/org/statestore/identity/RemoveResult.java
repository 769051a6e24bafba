package org.statestore.identity;

/** What removing an identity did. */
public sealed interface RemoveResult permits RemoveResult.Removed, IdentityNotFound {

    /** The identity's node is gone. */
    record Removed(Identity removed) implements RemoveResult {
    }
}
