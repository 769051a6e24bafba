package org.statestore.alchemiscale;

import java.util.List;

/** What {@code database check} found: one line per problem; none means the store is fine. */
public record CheckReport(List<String> findings) {

    public CheckReport {
        findings = List.copyOf(findings);
    }

    public boolean ok() {
        return findings.isEmpty();
    }
}
