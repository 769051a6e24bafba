package org.statestore.identity;

/** What replacing an identity's key did. */
public sealed interface KeyUpdate permits KeyUpdate.Updated, IdentityNotFound {

    /** Only {@code hashed_key} changed; scopes and everything else are as they were. */
    record Updated(Identity identity) implements KeyUpdate {
    }
}
