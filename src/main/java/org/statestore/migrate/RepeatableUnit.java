package org.statestore.migrate;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

import org.statestore.cypher.CypherScript;
import org.statestore.migrate.internal.Checksums;

/**
 * A unit read from an {@code R__<Description>.cypher} file: it has no version, runs after the versioned
 * units whenever its checksum differs from its newest recorded run, and is keyed in the history by its
 * description (entries with version {@value #VERSION_TEXT} and type {@code REPEATABLE}, one per run).
 */
public record RepeatableUnit(String description, String source, CypherScript script, List<Precondition> preconditions)
        implements Unit {

    /** What repeatable runs record as their version. */
    public static final String VERSION_TEXT = "R";

    // Never compared with real versions: the plan keeps repeatable units apart from versioned ones.
    private static final Version VERSION = new Version(List.of(BigInteger.ZERO), VERSION_TEXT);

    public RepeatableUnit {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(script, "script");
        preconditions = List.copyOf(preconditions);
    }

    @Override
    public Version version() {
        return VERSION;
    }

    @Override
    public UnitType type() {
        return UnitType.REPEATABLE;
    }

    @Override
    public String checksum() {
        return Checksums.ofScript(script);
    }

    @Override
    public RollbackPlan rollback() {
        return new RollbackPlan.Irreversible("repeatable unit: runs again when changed; not undone");
    }
}
