package org.statestore.alchemiscale;

import java.util.List;
import java.util.Objects;

/**
 * What {@code database doctor} found for one alchemiscale release: everything that release cannot read, and
 * what breaks alchemiscale's check or statestore's history; none means the release can use the store.
 */
public record DoctorReport(AlchemiscaleRelease release, List<Finding> findings) {

    public DoctorReport {
        Objects.requireNonNull(release, "release");
        findings = List.copyOf(findings);
    }

    public boolean ok() {
        return findings.isEmpty();
    }
}
