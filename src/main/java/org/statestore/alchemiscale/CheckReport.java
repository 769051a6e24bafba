package org.statestore.alchemiscale;

import java.util.List;

/**
 * What {@code database check} found, by alchemiscale's own rule; no problem means alchemiscale's check passes.
 *
 * @param problems each constraint problem with its fix
 */
public record CheckReport(List<Finding> problems) {

    public CheckReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** One line per problem, with its fix. */
    public List<String> findings() {
        return problems.stream().map(Finding::line).toList();
    }
}
