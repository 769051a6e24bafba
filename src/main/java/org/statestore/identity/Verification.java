package org.statestore.identity;

/** Whether a key is an identity's key. */
public sealed interface Verification permits Verification.Matched, Verification.Mismatched, IdentityNotFound {

    /**
     * The key matches the stored hash. alchemiscale's {@code /token} reads neither {@code disabled} nor
     * {@code expires}, so the API accepts this key even when {@link Identity#disabled()}.
     */
    record Matched(Identity identity) implements Verification {
    }

    /** The key does not match (or the stored hash is missing or not a bcrypt hash). */
    record Mismatched(Identity identity) implements Verification {
    }
}
