package org.statestore.identity;

/** No identity of {@code type} has {@code identifier}; nothing was written. */
public record IdentityNotFound(IdentityType type, String identifier)
        implements RemoveResult, ScopeChange, KeyUpdate, Verification {
}
