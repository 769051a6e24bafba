package org.statestore.identity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ApiKey refuses keys alchemiscale's API could not check unambiguously")
class IdentityApiKeyTest {

    @Test
    @DisplayName("accepts keys up to 72 UTF-8 bytes, counting bytes rather than characters")
    void acceptsUpTo72Bytes() {
        assertDoesNotThrow(() -> ApiKey.of("k".repeat(72)));
        assertDoesNotThrow(() -> ApiKey.of("é".repeat(36)));
        KeyRejectedException e = assertThrows(KeyRejectedException.class, () -> ApiKey.of("é".repeat(37)));
        assertTrue(e.getMessage().contains("74 bytes") && e.getMessage().contains("72"), e.getMessage());
        assertThrows(KeyRejectedException.class, () -> ApiKey.of("k".repeat(73)));
    }

    @Test
    @DisplayName("refuses empty keys, NUL, lone surrogates and keys over 4096 characters, without echoing them")
    void refusesBadKeys() {
        assertEquals("the key is empty", assertThrows(KeyRejectedException.class, () -> ApiKey.of("")).getMessage());
        KeyRejectedException nul = assertThrows(KeyRejectedException.class, () -> ApiKey.of("secret\0part"));
        assertTrue(nul.getMessage().contains("NUL"));
        assertFalse(nul.getMessage().contains("secret"));
        KeyRejectedException huge = assertThrows(KeyRejectedException.class, () -> ApiKey.of("x".repeat(4097)));
        assertTrue(huge.getMessage().contains("4097 characters"), huge.getMessage());
        assertThrows(KeyRejectedException.class, () -> ApiKey.of("ab\uD800cd"));
    }

    @Test
    @DisplayName("never shows the key in toString")
    void hidesItself() {
        ApiKey key = ApiKey.of("cd613e30d8f16adf91b7584a2265b1f5");
        assertFalse(key.toString().contains("cd613e"));
        assertEquals("cd613e30d8f16adf91b7584a2265b1f5", key.reveal());
    }

    @Test
    @DisplayName("generates 32 hex digit keys that differ each time and pass the policy")
    void generates() {
        SecureRandom random = new SecureRandom();
        ApiKey a = ApiKey.generate(random);
        ApiKey b = ApiKey.generate(random);
        assertTrue(a.reveal().matches("[0-9a-f]{32}"), "generated key has the wrong form");
        assertNotEquals(a, b);
        assertEquals(a, ApiKey.of(a.reveal()));
    }
}
