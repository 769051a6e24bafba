package org.statestore.neo4j;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** A password or key that never shows itself in logs, messages or {@code toString()}. */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /**
     * A fresh password of 256 random bits (43 characters of {@code A-Z a-z 0-9 _ -}), for a store that only
     * this process may use: the embedded store of one command.
     */
    public static Secret random(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new Secret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The plain text, for the one place that must hand it to the database driver. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "******";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
