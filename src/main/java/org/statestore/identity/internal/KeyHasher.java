package org.statestore.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.statestore.identity.ApiKey;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

/**
 * bcrypt as alchemiscale uses it: version {@code 2b}, cost 12, over the key's UTF-8 bytes, giving the
 * 60-character {@code $2b$12$...} strings its API checks with Python's {@code bcrypt.checkpw}.
 */
public final class KeyHasher {

    /** alchemiscale's cost factor; about a quarter of a second per hash. */
    public static final int DEFAULT_COST = 12;

    private final int cost;
    private final SecureRandom random;

    public KeyHasher() {
        this(DEFAULT_COST, new SecureRandom());
    }

    public KeyHasher(int cost, SecureRandom random) {
        if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be " + BCrypt.MIN_COST + "-" + BCrypt.MAX_COST
                    + ", was " + cost);
        }
        this.cost = cost;
        this.random = random;
    }

    /** A new salted hash of {@code key}. */
    public String hash(ApiKey key) {
        byte[] password = utf8(key);
        try {
            // strict: ApiKey already refuses keys bcrypt would truncate, so a long one here is a bug.
            byte[] hash = BCrypt.with(BCrypt.Version.VERSION_2B, random,
                    LongPasswordStrategies.strict(BCrypt.Version.VERSION_2B)).hash(cost, password);
            return new String(hash, StandardCharsets.US_ASCII);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /**
     * True when {@code key} is the key {@code hashedKey} was made from. A stored value that is not a bcrypt
     * hash ({@code $2a$}, {@code $2b$} or {@code $2y$}) matches nothing.
     */
    public boolean matches(ApiKey key, String hashedKey) {
        if (hashedKey == null || hashedKey.isEmpty()) {
            return false;
        }
        byte[] password = utf8(key);
        try {
            return BCrypt.verifyer().verify(password, hashedKey.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (RuntimeException e) {
            // the library throws on some malformed hashes instead of reporting them
            return false;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** The UTF-8 bytes bcrypt hashes; {@link ApiKey#of} refused keys that are not valid Unicode. */
    private static byte[] utf8(ApiKey key) {
        return key.reveal().getBytes(StandardCharsets.UTF_8);
    }
}
