package org.statestore.identity;

/** What adding an identity did. */
public sealed interface AddResult {

    /** The identity was created with no scopes. */
    record Added(Identity identity) implements AddResult {
    }

    /** An identity of that type and identifier exists; it was left exactly as it was. */
    record AlreadyExists(Identity existing) implements AddResult {
    }
}
