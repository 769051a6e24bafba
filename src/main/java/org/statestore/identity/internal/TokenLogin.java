package org.statestore.identity.internal;

import java.util.Optional;

import org.statestore.identity.IdentifierRejectedException;
import org.statestore.text.internal.Printable;

/**
 * Which identifiers alchemiscale's {@code /token} login can be trusted to find. Its lookup (alchemiscale
 * 0.7.2, {@code Neo4jStore.get_credentialed_entity}) pastes the identifier unescaped between single quotes
 * into Cypher text, {@code MATCH (n:<Label> {identifier: '<identifier>'}) RETURN n}. There a {@code '} ends
 * the string early, so the query fails; a {@code \} may start an escape sequence ({@code \n}, {@code \\},
 * {@code \'}, {@code \}{@code u0041}, ...) that breaks the query or makes it look for another identifier. Neo4j 5
 * keeps an unknown escape such as {@code \s} as typed, but which escapes are known is Cypher's business, so
 * every {@code \} is refused rather than only the harmful ones. An empty identifier is refused as well, as
 * statestore's other commands refuse an empty {@code -i}: FastAPI reads an empty login form field as missing
 * (some releases passed {@code ""} through). Every other character is taken literally.
 *
 * <p>{@code /token} reads neither {@code disabled} nor {@code expires}: only the identifier and the key count.
 */
public final class TokenLogin {

    private static final String PASTED = "alchemiscale's /token pastes the identifier unescaped into a quoted "
            + "Cypher string, ";

    private TokenLogin() {
    }

    /** Why an identity with {@code identifier} should not be created; empty when {@code /token} finds it. */
    public static Optional<String> whyRefused(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            return Optional.of("alchemiscale's /token takes the identifier as its login form's username, which "
                    + "FastAPI reads as missing when empty, so this identity may be unable to log in");
        }
        if (identifier.indexOf('\'') >= 0) {
            return Optional.of(PASTED + "where its ' ends the string early, so the lookup fails and this identity "
                    + "could never log in");
        }
        if (identifier.indexOf('\\') >= 0) {
            return Optional.of(PASTED + "where a \\ can start an escape sequence (\\n, \\\\, \\', \\u0041, ...), so the "
                    + "lookup may fail or look for another identifier and this identity may be unable to log in");
        }
        return Optional.empty();
    }

    /** True when {@code identifier} is found by {@code /token} exactly as given. */
    public static boolean accepts(String identifier) {
        return whyRefused(identifier).isEmpty();
    }

    /** @throws IdentifierRejectedException when {@code identifier} is refused (see {@link #whyRefused}) */
    public static void require(String identifier) {
        Optional<String> why = whyRefused(identifier);
        if (why.isPresent()) {
            throw new IdentifierRejectedException("identifier " + Printable.quoted(identifier) + " refused: "
                    + why.get());
        }
    }
}
