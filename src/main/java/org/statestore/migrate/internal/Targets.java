package org.statestore.migrate.internal;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.statestore.migrate.RepeatableUnit;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnknownTargetException;
import org.statestore.migrate.Version;

/**
 * What a {@code --target} may name: a known version, as Flyway's {@code failOnMissingTarget} requires, so a
 * typo in a release number fails instead of applying everything. Known versions are the local units' and
 * those recorded in the history chain (a unit a newer release applied is known too).
 */
public final class Targets {

    /** The word that names the newest local unit. */
    public static final String LATEST = "latest";

    private Targets() {
    }

    /** Whether {@code text} asks for the newest unit rather than naming a version. */
    public static boolean isLatest(String text) {
        return text != null && text.strip().equalsIgnoreCase(LATEST);
    }

    /** The newest versioned unit of {@code units} (repeatable units have no version to target). */
    public static Optional<Version> newest(List<Unit> units) {
        return units.stream().filter(u -> !(u instanceof RepeatableUnit)).map(Unit::version).max(Version::compareTo);
    }

    /** Why {@code target} cannot be a target, naming the nearest known versions; empty when it names one. */
    public static Optional<String> problem(Version target, Collection<Version> known) {
        TreeSet<Version> versions = new TreeSet<>(known);
        if (versions.contains(target)) {
            return Optional.empty();
        }
        List<Version> nearest = nearest(target, versions);
        String hint = nearest.isEmpty() ? "no unit is known at all"
                : "the nearest known " + (nearest.size() == 1 ? "version is " : "versions are ")
                + String.join(" and ", nearest.stream().map(Version::text).toList());
        return Optional.of("--target " + target.text() + " names no unit (" + hint + "; '--target " + LATEST
                + "' is the newest)");
    }

    /** The known versions just below and just above {@code target}, oldest first (one at either end). */
    public static List<Version> nearest(Version target, Collection<Version> known) {
        TreeSet<Version> versions = new TreeSet<>(known);
        return Stream.of(versions.lower(target), versions.higher(target))
                .filter(Objects::nonNull).toList();
    }

    /** Throws {@link UnknownTargetException} when {@code target} names no known version. */
    public static void require(Version target, Collection<Version> known) {
        problem(target, known).ifPresent(why -> {
            throw new UnknownTargetException(why);
        });
    }
}
