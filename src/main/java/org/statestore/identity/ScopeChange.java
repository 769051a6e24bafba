package org.statestore.identity;

import java.util.List;

/** What adding or removing scopes did. */
public sealed interface ScopeChange permits ScopeChange.Applied, IdentityNotFound {

    /**
     * All requested scopes were handled in one transaction. {@code changed} were added (or removed);
     * {@code unchanged} were already present (or already absent). {@code identity} is the state after.
     */
    record Applied(Identity identity, List<Scope> changed, List<Scope> unchanged) implements ScopeChange {
        public Applied {
            changed = List.copyOf(changed);
            unchanged = List.copyOf(unchanged);
        }
    }
}
