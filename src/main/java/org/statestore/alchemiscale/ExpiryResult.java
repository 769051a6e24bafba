package org.statestore.alchemiscale;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code database expire-registrations} removed, or with {@code dryRun} would remove.
 *
 * @param selection     which registrations were chosen
 * @param dryRun        nothing was changed
 * @param registrations each chosen registration, by identifier
 */
public record ExpiryResult(RegistrationExpiry.Selection selection, boolean dryRun, List<Expired> registrations) {

    /**
     * One registration.
     *
     * @param identifier its identifier; empty when it has none (or not a string)
     * @param tasksReset the running Tasks it claimed, set back to waiting
     */
    public record Expired(Optional<String> identifier, long tasksReset) {
        public Expired {
            Objects.requireNonNull(identifier, "identifier");
        }
    }

    public ExpiryResult {
        Objects.requireNonNull(selection, "selection");
        registrations = List.copyOf(registrations);
    }

    /** Tasks set back to waiting, over all registrations. */
    public long tasksReset() {
        return registrations.stream().mapToLong(Expired::tasksReset).sum();
    }
}
