package org.statestore.neo4j.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.statestore.neo4j.Secret;

/**
 * A password as Neo4j 5 stores it for a native user: {@code SHA-256,<hex hash>,<hex salt>,1024}, the hash
 * being SHA-256 over a 32-byte salt and the UTF-8 password, rehashed to 1024 rounds (the hasher version 1 that
 * {@code neo4j-admin dbms set-initial-password} and {@code ALTER USER} write). The same text appears in the
 * initial password file and in the {@code credentials} of the system database's user node.
 */
public final class PasswordHash {

    static final int ITERATIONS = 1024;
    private static final int SALT_BYTES = 32;

    private PasswordHash() {
    }

    /** The stored form of {@code password} with a fresh salt. */
    public static String of(Secret password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return "SHA-256," + HexFormat.of().formatHex(hash(password, salt)) + "," + HexFormat.of().formatHex(salt)
                + "," + ITERATIONS;
    }

    static byte[] hash(Secret password, byte[] salt) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        digest.update(salt);
        byte[] hash = digest.digest(password.reveal().getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i < ITERATIONS; i++) {
            hash = digest.digest(hash);
        }
        return hash;
    }
}
