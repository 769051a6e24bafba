package org.statestore.alchemiscale;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The keys of the NetworkMark that alchemiscale v0.4 expects for one AlchemicalNetwork. alchemiscale
 * derives a NetworkMark's token from its {@code target} alone, so the same network always gets the same
 * mark, which is what makes the migration idempotent and lets the {@code scoped_key} constraint reject a
 * duplicate.
 *
 * @param target    the network's {@code _scoped_key}
 * @param gufeKey   {@code "NetworkMark-" + md5hex(utf8(target))}
 * @param scopedKey {@code gufeKey + "-" + org + "-" + campaign + "-" + project}
 */
record NetworkMarkKey(String target, String gufeKey, String scopedKey) {

    public NetworkMarkKey {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(gufeKey, "gufeKey");
        Objects.requireNonNull(scopedKey, "scopedKey");
    }

    /** The mark's keys for the network with scoped key {@code target} in scope {@code org-campaign-project}. */
    public static NetworkMarkKey of(String target, String org, String campaign, String project) {
        String gufeKey = gufeKey(target);
        return new NetworkMarkKey(target, gufeKey, gufeKey + "-" + org + "-" + campaign + "-" + project);
    }

    /** {@code "NetworkMark-" + md5hex(utf8(target))}: the mark's gufe key depends on its target alone. */
    public static String gufeKey(String target) {
        return "NetworkMark-" + md5Hex(target);
    }

    static String md5Hex(String text) {
        try {
            // MessageDigest instances are cheap and not thread-safe; one per call keeps this stateless.
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }
}
