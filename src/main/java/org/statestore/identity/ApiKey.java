package org.statestore.identity;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import org.statestore.neo4j.Secret;

/**
 * An identity's API key, checked against what alchemiscale's API can verify unambiguously. bcrypt reads
 * at most 72 bytes and alchemiscale truncates longer keys to 72 when verifying, so two different long keys
 * would both work: such keys are refused here instead. The API also rejects keys over 4096 characters or
 * containing NUL. Never shows itself in {@code toString()}.
 */
public final class ApiKey {

    /** bcrypt's limit: later bytes are ignored. */
    public static final int MAX_UTF8_BYTES = 72;
    /** alchemiscale's API refuses longer keys outright. */
    public static final int MAX_CHARS = 4096;
    /** Length of {@link #generate(SecureRandom)}'s keys in random bytes (shown as twice as many hex digits). */
    public static final int GENERATED_BYTES = 16;

    private final Secret value;

    private ApiKey(Secret value) {
        this.value = value;
    }

    /**
     * The key {@code text}, exactly as given.
     *
     * @throws KeyRejectedException when it is empty, contains NUL, is not valid Unicode, or is too long
     */
    public static ApiKey of(String text) {
        if (text == null || text.isEmpty()) {
            throw new KeyRejectedException("the key is empty");
        }
        if (text.indexOf('\0') >= 0) {
            throw new KeyRejectedException("the key contains a NUL character, which alchemiscale's API rejects");
        }
        if (text.length() > MAX_CHARS) {
            throw new KeyRejectedException("the key has " + text.length() + " characters; alchemiscale's API rejects "
                    + "keys over " + MAX_CHARS);
        }
        int bytes = utf8(text).length;
        if (bytes > MAX_UTF8_BYTES) {
            throw new KeyRejectedException("the key is " + bytes + " bytes in UTF-8; at most " + MAX_UTF8_BYTES
                    + " are allowed, because bcrypt ignores the rest and any key sharing the first "
                    + MAX_UTF8_BYTES + " bytes would be accepted too");
        }
        return new ApiKey(Secret.of(text));
    }

    /** A new random key: {@value #GENERATED_BYTES} bytes from {@code random}, as lowercase hex. */
    public static ApiKey generate(SecureRandom random) {
        byte[] bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        return new ApiKey(Secret.of(HexFormat.of().formatHex(bytes)));
    }

    /** The plain key, for the one print of a generated key and for hashing; never log it. */
    public String reveal() {
        return value.reveal();
    }

    private static byte[] utf8(String text) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            return Arrays.copyOfRange(b.array(), b.position(), b.limit());
        } catch (CharacterCodingException e) {
            throw new KeyRejectedException("the key is not valid Unicode (it contains a lone surrogate)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey k && k.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[******]";
    }
}
