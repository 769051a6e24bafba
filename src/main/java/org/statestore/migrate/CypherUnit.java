package org.statestore.migrate;

import java.util.Objects;

import org.statestore.cypher.CypherScript;

/** A unit read from a {@code V<version>__<Description>.cypher} file. */
public record CypherUnit(Version version, String description, String source, CypherScript script) implements Unit {

    public CypherUnit {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(script, "script");
    }

    @Override
    public UnitType type() {
        return UnitType.CYPHER;
    }

    @Override
    public String checksum() {
        return Checksums.ofScript(script);
    }
}
