package org.statestore.migrate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which lines of {@code migrate info} to keep: units in one of {@code states} (any state when empty) and,
 * with {@code since}, only units whose newest recorded run was installed at or after that instant. A unit
 * never recorded has no install time, so {@code since} leaves it out.
 */
public record UnitFilter(Set<UnitState> states, Optional<Instant> since) implements Predicate<UnitStatus> {

    /** Keeps every unit. */
    public static final UnitFilter ALL = new UnitFilter(Set.of(), Optional.empty());

    public UnitFilter {
        states = Set.copyOf(states);
        Objects.requireNonNull(since, "since");
    }

    @Override
    public boolean test(UnitStatus unit) {
        return (states.isEmpty() || states.contains(unit.state()))
                && since.map(from -> unit.recorded().map(e -> !e.installedOn().toInstant().isBefore(from)).orElse(false))
                .orElse(true);
    }

    /** The units this filter keeps, in their order. */
    public List<UnitStatus> apply(List<UnitStatus> units) {
        return units.stream().filter(this).toList();
    }
}
