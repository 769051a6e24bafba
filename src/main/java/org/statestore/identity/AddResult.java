package org.statestore.identity;

/** What adding an identity did. */
public sealed interface AddResult {

    /** The identity was created with no scopes. */
    record Added(Identity identity) implements AddResult {
    }

    /**
     * An identity of that type and identifier exists and the key given already matches its stored hash: it
     * is as asked, so nothing was written. Lets provisioning scripts rerun {@code add}.
     */
    record AlreadyExistsWithKey(Identity existing) implements AddResult {
    }

    /**
     * An identity of that type and identifier exists with another key (or a stored hash that is missing or
     * not bcrypt); it was left exactly as it was.
     */
    record AlreadyExists(Identity existing) implements AddResult {
    }
}
