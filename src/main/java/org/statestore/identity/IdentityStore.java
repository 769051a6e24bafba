package org.statestore.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.statestore.identity.internal.KeyHasher;
import org.statestore.identity.internal.TokenLogin;

/**
 * Reads and writes alchemiscale identities in one database. Every query takes the identifier as a
 * parameter and the label from {@link IdentityType}; every change is one transaction, and nothing
 * existing is overwritten except by the operation that names it ({@link #updateKey}).
 *
 * <p>Hashing (about 250 ms at cost 12) happens outside transactions, so no lock is held while it runs.
 */
public final class IdentityStore {

    private static final String CONSTRAINT_VIOLATION = "Neo.ClientError.Schema.ConstraintValidationFailed";

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final KeyHasher hasher;

    /** A store that hashes with {@code hasher}: tests use a cheap cost. */
    IdentityStore(Driver driver, SessionConfig sessionConfig, KeyHasher hasher) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
        this.hasher = hasher;
    }

    /** A store that hashes with alchemiscale's settings (bcrypt 2b, cost 12). */
    public IdentityStore(Driver driver, SessionConfig sessionConfig) {
        this(driver, sessionConfig, new KeyHasher());
    }

    /**
     * Creates the identity with {@code key} and no scopes. An existing identity of the same type and
     * identifier is left untouched (alchemiscale's CLI would overwrite it and wipe its scopes); when
     * {@code key} already matches its stored hash the result says so, since the identity is then as asked.
     *
     * @throws IdentifierRejectedException when alchemiscale's {@code /token} could not be trusted to find
     *     {@code identifier} (holding {@code '} or {@code \}, or empty); nothing is written
     */
    public AddResult add(IdentityType type, String identifier, ApiKey key) {
        TokenLogin.require(identifier);
        String hashed = hasher.hash(key);
        Map<String, Object> params = Map.of("identifier", identifier, "hashedKey", hashed, "scopes", List.of());
        Optional<Stored> existing;
        try (Session session = session()) {
            existing = session.executeWrite(tx -> {
                Optional<Stored> found = readStored(tx, type, identifier);
                if (found.isEmpty()) {
                    tx.run("CREATE (n" + type.createLabels() + " {identifier: $identifier, hashed_key: $hashedKey, "
                            + "scopes: $scopes, disabled: false})", params).consume();
                }
                return found;
            });
        } catch (ClientException e) {
            if (!CONSTRAINT_VIOLATION.equals(e.code())) {
                throw e;
            }
            // A concurrent add won the race and the uniqueness constraint caught it; it may have used this key.
            try (Session session = session()) {
                existing = Optional.of(session.executeRead(tx -> readStored(tx, type, identifier))
                        .orElse(new Stored(new Identity(type, identifier, List.of(), false), null)));
            }
        }
        if (existing.isEmpty()) {
            return new AddResult.Added(new Identity(type, identifier, List.of(), false));
        }
        // Checked after the transaction, like hashing, so no transaction stays open while bcrypt runs.
        Stored stored = existing.get();
        return hasher.matches(key, stored.hashedKey())
                ? new AddResult.AlreadyExistsWithKey(stored.identity()) : new AddResult.AlreadyExists(stored.identity());
    }

    /** Every identity of {@code type}, sorted by identifier. */
    public List<Identity> list(IdentityType type) {
        try (Session session = session()) {
            List<Identity> all = session.executeRead(tx -> tx.run("MATCH (n:" + type.label() + ") RETURN "
                    + "n.identifier AS identifier, n.scopes AS scopes, n.disabled AS disabled").list(r -> toIdentity(type, r)));
            List<Identity> sorted = new ArrayList<>(all);
            sorted.sort(Comparator.comparing(Identity::identifier));
            return List.copyOf(sorted);
        }
    }

    /** The identity of {@code type} with {@code identifier}, if there is one. */
    public Optional<Identity> find(IdentityType type, String identifier) {
        requireIdentifier(identifier);
        try (Session session = session()) {
            return session.executeRead(tx -> read(tx, type, identifier));
        }
    }

    /** Deletes the identity's node. */
    public RemoveResult remove(IdentityType type, String identifier) {
        requireIdentifier(identifier);
        try (Session session = session()) {
            return session.executeWrite(tx -> {
                Optional<Identity> existing = lockAndRead(tx, type, identifier);
                if (existing.isEmpty()) {
                    return new IdentityNotFound(type, identifier);
                }
                tx.run("MATCH (n:" + type.label() + " {identifier: $identifier}) DETACH DELETE n",
                        Map.of("identifier", identifier)).consume();
                return new RemoveResult.Removed(existing.get());
            });
        }
    }

    /**
     * Adds every scope not already present, appended in the order given, all in one transaction.
     * Scopes already present are reported as unchanged.
     */
    public ScopeChange addScopes(IdentityType type, String identifier, List<Scope> scopes) {
        return changeScopes(type, identifier, scopes, true);
    }

    /** Removes every scope given that is present, all in one transaction; absent ones are reported as unchanged. */
    public ScopeChange removeScopes(IdentityType type, String identifier, List<Scope> scopes) {
        return changeScopes(type, identifier, scopes, false);
    }

    private ScopeChange changeScopes(IdentityType type, String identifier, List<Scope> scopes, boolean add) {
        requireIdentifier(identifier);
        Set<Scope> requested = new LinkedHashSet<>(scopes);
        try (Session session = session()) {
            return session.executeWrite(tx -> {
                Optional<Identity> existing = lockAndRead(tx, type, identifier);
                if (existing.isEmpty()) {
                    return new IdentityNotFound(type, identifier);
                }
                List<String> after = new ArrayList<>(existing.get().scopes());
                List<Scope> changed = new ArrayList<>();
                List<Scope> unchanged = new ArrayList<>();
                for (Scope s : requested) {
                    boolean present = after.contains(s.toString());
                    if (present != add) {
                        changed.add(s);
                        if (add) {
                            after.add(s.toString());
                        } else {
                            after.removeIf(stored -> stored.equals(s.toString()));
                        }
                    } else {
                        unchanged.add(s);
                    }
                }
                if (!changed.isEmpty()) {
                    tx.run("MATCH (n:" + type.label() + " {identifier: $identifier}) SET n.scopes = $scopes",
                            Map.of("identifier", identifier, "scopes", after)).consume();
                }
                Identity now = new Identity(type, identifier, after, existing.get().disabled());
                return new ScopeChange.Applied(now, changed, unchanged);
            });
        }
    }

    /** Replaces only the identity's {@code hashed_key}; its scopes and everything else stay. */
    public KeyUpdate updateKey(IdentityType type, String identifier, ApiKey key) {
        requireIdentifier(identifier);
        String hashed = hasher.hash(key);
        try (Session session = session()) {
            return session.executeWrite(tx -> {
                Optional<Identity> existing = lockAndRead(tx, type, identifier);
                if (existing.isEmpty()) {
                    return new IdentityNotFound(type, identifier);
                }
                tx.run("MATCH (n:" + type.label() + " {identifier: $identifier}) SET n.hashed_key = $hashedKey",
                        Map.of("identifier", identifier, "hashedKey", hashed)).consume();
                return new KeyUpdate.Updated(existing.get());
            });
        }
    }

    /**
     * Whether {@code key} is the identity's key, checked the way alchemiscale's API checks it. Like the API it
     * ignores {@code disabled}; whether {@code /token} can find the identifier at all is checked by {@link #add}.
     */
    public Verification verify(IdentityType type, String identifier, ApiKey key) {
        requireIdentifier(identifier);
        Optional<Stored> stored;
        try (Session session = session()) {
            stored = session.executeRead(tx -> readStored(tx, type, identifier));
        }
        if (stored.isEmpty()) {
            return new IdentityNotFound(type, identifier);
        }
        Identity identity = stored.get().identity();
        return hasher.matches(key, stored.get().hashedKey())
                ? new Verification.Matched(identity) : new Verification.Mismatched(identity);
    }

    private Session session() {
        return driver.session(sessionConfig);
    }

    /** The identity with its stored {@code hashed_key} ({@code null} when it has none). */
    private static Optional<Stored> readStored(TransactionContext tx, IdentityType type, String identifier) {
        return tx.run("MATCH (n:" + type.label() + " {identifier: $identifier}) RETURN n.identifier AS identifier, "
                + "n.scopes AS scopes, n.disabled AS disabled, n.hashed_key AS hashedKey", Map.of("identifier", identifier))
                .list(r -> new Stored(toIdentity(type, r), r.get("hashedKey").isNull() ? null
                        : r.get("hashedKey").asString(""))).stream().findFirst();
    }

    private static Optional<Identity> read(TransactionContext tx, IdentityType type, String identifier) {
        return tx.run("MATCH (n:" + type.label() + " {identifier: $identifier}) RETURN n.identifier AS identifier, "
                + "n.scopes AS scopes, n.disabled AS disabled", Map.of("identifier", identifier))
                .list(r -> toIdentity(type, r)).stream().findFirst();
    }

    /**
     * Takes the node's write lock, then reads it, so a concurrent change cannot slip in between the read
     * and the write that follows (read-committed isolation would otherwise lose one of two updates).
     * Assigning {@code identifier} to itself changes nothing but takes the lock.
     */
    private static Optional<Identity> lockAndRead(TransactionContext tx, IdentityType type, String identifier) {
        tx.run("MATCH (n:" + type.label() + " {identifier: $identifier}) SET n.identifier = n.identifier",
                Map.of("identifier", identifier)).consume();
        return read(tx, type, identifier);
    }

    private static Identity toIdentity(IdentityType type, Record r) {
        Value scopes = r.get("scopes");
        List<String> list = scopes.isNull() ? List.of() : scopes.asList(v -> v.isNull() ? "" : v.asString(""));
        return new Identity(type, r.get("identifier").asString(""), list, r.get("disabled").asBoolean(false));
    }

    private static void requireIdentifier(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("the identifier is empty");
        }
    }

    private record Stored(Identity identity, String hashedKey) {
    }
}
