package org.statestore;

import java.util.List;

/** What {@code migrate validate} found: problems (exit 6) and warnings (tolerated), one line each. */
public record ValidationReport(List<String> problems, List<String> warnings) {

    public ValidationReport {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
