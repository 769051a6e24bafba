package org.statestore.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.statestore.identity.ApiKey;

@DisplayName("KeyHasher hashes and verifies keys the way alchemiscale does")
class IdentityKeyHasherTest {

    private final KeyHasher hasher = new KeyHasher();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "alice,   cd613e30d8f16adf91b7584a2265b1f5, $2b$12$G3TpSnbcyD4D/J/oRs5o5uGlOejd3AtfkXdldyQixtfpujNNpc4V2",
        "bob,     1e2feb89414c343c1027c4d1c386bbc4, $2b$12$.pZcvOmhoslwM.AepgA9ZurgK3kob9IyRXxA2CwhGGTyarwIv3axW",
        "carol,   78e510617311d8a3c2ce6f447ed4d57b, $2b$12$/uPhr7MZ.MwUkdlooLiVEey70zAAnd2Md6VqNZy2qV5L41FYV3Y66",
        "carol (compute), 35bf992dc9e9c616612e7696a6cecc1b, $2b$12$G3ZWXIjgaAh0OU0nphed9OktRuc/VeM/8.rJYvn18cIwEGlSEHXwm",
        "gpu-cluster-01, e4b06ce60741c7a87ce42c8218072e8c, $2b$12$uJIZVWNjAnV0lljZfDQAoeSVLhaASJj8miRFxoFGQZUuAMK9l1IGi",
    })
    @DisplayName("verifies the fixture's hashes made by Python's bcrypt")
    void verifiesFixtureHashes(String who, String key, String hash) {
        assertTrue(hasher.matches(ApiKey.of(key), hash), who);
    }

    @Test
    @DisplayName("refuses a wrong key for a fixture hash")
    void refusesWrongKey() {
        assertFalse(hasher.matches(ApiKey.of("cd613e30d8f16adf91b7584a2265b1f6"),
                "$2b$12$G3TpSnbcyD4D/J/oRs5o5uGlOejd3AtfkXdldyQixtfpujNNpc4V2"));
    }

    @Test
    @DisplayName("writes $2b$ cost-12 hashes of 60 characters with a fresh salt each time")
    void hashFormat() {
        ApiKey key = ApiKey.of("a key");
        String first = hasher.hash(key);
        String second = hasher.hash(key);
        assertTrue(first.matches("\\$2b\\$12\\$[./A-Za-z0-9]{53}"), first);
        assertEquals(60, first.length());
        assertNotEquals(first, second);
        assertTrue(hasher.matches(key, first));
    }

    @Test
    @DisplayName("treats a missing or malformed stored hash as no match instead of failing")
    void malformedHash() {
        KeyHasher fast = new KeyHasher(4, new SecureRandom());
        ApiKey key = ApiKey.of("k");
        assertFalse(fast.matches(key, null));
        assertFalse(fast.matches(key, ""));
        assertFalse(fast.matches(key, "not a hash"));
        assertFalse(fast.matches(key, "$2b$12$short"));
        assertThrows(IllegalArgumentException.class, () -> new KeyHasher(3, new SecureRandom()));
    }
}
