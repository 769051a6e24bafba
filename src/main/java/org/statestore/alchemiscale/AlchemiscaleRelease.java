package org.statestore.alchemiscale;

import java.util.regex.Pattern;

import org.statestore.alchemiscale.internal.ReleaseTargets;
import org.statestore.migrate.Version;

/**
 * The alchemiscale release a store is examined for: a numbered release, or {@code next}, alchemiscale's
 * unreleased main (after the newest release this statestore knows). A numbered release newer than that is read
 * with main's rules, the newest ones known.
 */
public sealed interface AlchemiscaleRelease {

    /** A release such as 0.6.2. */
    record Numbered(Version version) implements AlchemiscaleRelease {
        @Override
        public String text() {
            return version.text();
        }

        @Override
        public String describe() {
            return "alchemiscale v" + version.text() + (afterNewest() ? " (after v" + ReleaseTargets.NEWEST_RELEASE
                    + ": checked with main's rules)" : "");
        }

        @Override
        public boolean atLeast(Version release) {
            return version.compareTo(release) >= 0;
        }
    }

    /** alchemiscale's main branch, not yet released. */
    record Next() implements AlchemiscaleRelease {
        @Override
        public String text() {
            return "next";
        }

        @Override
        public String describe() {
            return "alchemiscale next (unreleased main, after v" + ReleaseTargets.NEWEST_RELEASE + ")";
        }

        @Override
        public boolean atLeast(Version release) {
            return true;
        }
    }

    /** The default: the newest release whose source statestore was checked against. */
    static AlchemiscaleRelease newest() {
        return new Numbered(ReleaseTargets.NEWEST_RELEASE);
    }

    /**
     * Reads {@code 0.7.2}, {@code v0.6.2} or {@code next}; throws {@link IllegalArgumentException} with a
     * one-line reason for anything else, or a version before 0.1.0.
     */
    static AlchemiscaleRelease parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("next")) {
            return new Next();
        }
        String digits = t.startsWith("v") || t.startsWith("V") ? t.substring(1) : t;
        if (!Pattern.matches("\\d+(\\.\\d+)*", digits)) {
            throw new IllegalArgumentException("'" + text + "' is not an alchemiscale release: use a version such as "
                    + ReleaseTargets.NEWEST_RELEASE + ", or next");
        }
        Version v = Version.parse(digits);
        Version first = ReleaseTargets.LINES.get(0).first();
        if (v.compareTo(first) < 0) {
            throw new IllegalArgumentException("alchemiscale has no release before " + first + " (got " + text + ")");
        }
        return new Numbered(v);
    }

    /** As typed: {@code 0.7.2} or {@code next}. */
    String text();

    /** For people, e.g. {@code alchemiscale v0.7.2}. */
    String describe();

    /** Whether this is {@code release} or later. */
    boolean atLeast(Version release);

    /** Past the newest release read: main's compute service identifier rule applies. */
    default boolean afterNewest() {
        return !(this instanceof Numbered n) || n.version().compareTo(ReleaseTargets.NEWEST_RELEASE) > 0;
    }

    /** v0.7+ writes and compares zoned DateTime; earlier releases LocalDateTime. */
    default boolean zonedTimes() {
        return atLeast(Version.parse("0.7.0"));
    }

    /** v0.4+ reads a NetworkMark for every network. */
    default boolean networkMarks() {
        return atLeast(Version.parse("0.4.0"));
    }
}
