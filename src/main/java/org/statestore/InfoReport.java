package org.statestore;

import java.util.List;
import java.util.Optional;

import org.statestore.lock.LeaseState;
import org.statestore.migrate.Readiness;
import org.statestore.migrate.UnitFilter;
import org.statestore.migrate.UnitState;
import org.statestore.migrate.UnitStatus;
import org.statestore.migrate.Version;

/** The state of every known unit against one database, oldest version first. */
public record InfoReport(String target, String serverVersion, String database, Optional<Version> current,
                         List<UnitStatus> units, Optional<LeaseState> lease) {

    public InfoReport {
        units = List.copyOf(units);
    }

    public long count(UnitState state) {
        return units.stream().filter(u -> u.state() == state).count();
    }

    /** This report with only the units {@code filter} keeps; everything else unchanged. */
    public InfoReport only(UnitFilter filter) {
        return new InfoReport(target, serverVersion, database, current, filter.apply(units), lease);
    }

    /** Whether the database is ready: no failed, pending or running unit (see {@link Readiness}). */
    public Readiness readiness() {
        return Readiness.of(units);
    }
}
