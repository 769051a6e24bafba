package org.statestore.identity;

import java.util.List;
import java.util.Objects;

/**
 * One identity as stored, without its key hash. {@code scopes} are the stored strings in stored order
 * (normally canonical {@link Scope} forms; older stores may hold others).
 */
public record Identity(IdentityType type, String identifier, List<String> scopes, boolean disabled) {

    public Identity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(identifier, "identifier");
        scopes = List.copyOf(scopes);
    }
}
