package org.statestore.migrate;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How far {@code migrate undo} goes: down to (not including) a version, or a number of applied units.
 */
public record UndoRequest(Optional<Version> to, OptionalInt steps) {

    public UndoRequest {
        if (to.isPresent() == steps.isPresent()) {
            throw new IllegalArgumentException("give exactly one of --to VERSION and --steps N");
        }
        if (steps.isPresent() && steps.getAsInt() < 1) {
            throw new IllegalArgumentException("--steps must be at least 1");
        }
    }

    public static UndoRequest to(Version version) {
        return new UndoRequest(Optional.of(version), OptionalInt.empty());
    }

    public static UndoRequest steps(int n) {
        return new UndoRequest(Optional.empty(), OptionalInt.of(n));
    }
}
