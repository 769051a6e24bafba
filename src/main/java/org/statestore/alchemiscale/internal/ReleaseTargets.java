package org.statestore.alchemiscale.internal;

import java.util.List;
import java.util.Optional;

import org.statestore.migrate.Version;

/**
 * Which bundled unit a store must stop at for each line of alchemiscale releases, and which line a store at a
 * given version serves. A store must not run ahead of its server: v0.4-v0.6 compare heartbeats with
 * {@code localdatetime(...)}, so the UTC conversion of 0.7.0 would stop them expiring dead compute services.
 */
public final class ReleaseTargets {

    /**
     * One line of alchemiscale releases and the bundled target that serves it.
     *
     * @param releases as shown to operators, e.g. {@code v0.4.x to v0.6.x}
     * @param first    the first release of the line
     * @param next     the first release after the line (exclusive bound)
     * @param target   the bundled unit version to stop at ({@code --target})
     * @param reads    what this line needs from the store, in one phrase
     */
    public record ReleaseLine(String releases, Version first, Version next, Version target, String reads) {

        /** Whether {@code release} belongs to this line. */
        public boolean contains(Version release) {
            return release.compareTo(first) >= 0 && release.compareTo(next) < 0;
        }
    }

    /** The newest alchemiscale release whose source was read for these targets. */
    public static final Version NEWEST_RELEASE = Version.parse("0.7.2");

    /** Oldest first; each line's target is the newest bundled unit its releases can read. */
    public static final List<ReleaseLine> LINES = List.of(
            new ReleaseLine("v0.1.x to v0.3.x", Version.parse("0.1.0"), Version.parse("0.4.0"), Version.parse("0.1.0"),
                    "the four constraints"),
            new ReleaseLine("v0.4.x to v0.6.x", Version.parse("0.4.0"), Version.parse("0.7.0"), Version.parse("0.4.0"),
                    "a NetworkMark per network; LocalDateTime times"),
            new ReleaseLine("v0.7.x", Version.parse("0.7.0"), Version.parse("0.8.0"), Version.parse("0.7.1"),
                    "UTC DateTime times; failure_times on every compute service registration"));

    private ReleaseTargets() {
    }

    /** The newest line: where a bundled {@code migrate up} without {@code --target} ends. */
    public static ReleaseLine newest() {
        return LINES.get(LINES.size() - 1);
    }

    /** The line an alchemiscale release belongs to; empty for a release before v0.1 or past the newest line. */
    public static Optional<ReleaseLine> forRelease(Version release) {
        return LINES.stream().filter(l -> l.contains(release)).findFirst();
    }

    /**
     * The line a store at {@code current} serves: the line whose target it is, or the newest line when the
     * store is past every bundled target (units of the operator's own beyond them). Empty between two targets
     * (say 0.7.0 without 0.7.1), where no release line reads the store completely.
     */
    public static Optional<ReleaseLine> servedAt(Version current) {
        if (current.compareTo(newest().target()) > 0) {
            return Optional.of(newest());
        }
        return LINES.stream().filter(l -> l.target().equals(current)).findFirst();
    }

    /** The lines older than {@code line}: where an operator would stop earlier, newest first. */
    public static List<ReleaseLine> earlierThan(ReleaseLine line) {
        return LINES.stream().filter(l -> l.target().compareTo(line.target()) < 0)
                .sorted((a, b) -> b.target().compareTo(a.target())).toList();
    }
}
