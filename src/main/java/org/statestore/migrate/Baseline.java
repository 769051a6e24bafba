package org.statestore.migrate;

import java.util.Objects;

/**
 * The version an existing, never-versioned database is found to be at, and why.
 *
 * @param version     units up to and including this version count as already applied
 * @param description what was recognised, e.g. "alchemiscale v0.3 shape"
 * @param evidence    the facts that decided it, recorded on the baseline entry for audit
 */
public record Baseline(Version version, String description, String evidence) {

    public Baseline {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(evidence, "evidence");
    }
}
