/**
 * alchemiscale's credentialed identities and their scopes, reached through an open store's
 * {@link org.statestore.identity.IdentityStore}: reading and writing
 * {@code :CredentialedEntity:CredentialedUserIdentity} and {@code :CredentialedEntity:CredentialedComputeIdentity}
 * nodes in exactly the shape alchemiscale's API reads ({@code identifier}, bcrypt {@code $2b$12$}
 * {@code hashed_key}, a {@code scopes} list that is always present, {@code disabled = false}).
 *
 * <p>Unlike alchemiscale's own CLI it never overwrites an existing identity, reports unknown
 * identities and no-op scope changes instead of ignoring them, validates every scope before writing
 * any, and passes identifiers only as query parameters; labels come from {@link IdentityType}.
 * It refuses to create an identity whose identifier alchemiscale's {@code /token} could never look up
 * ({@link IdentifierRejectedException}), and scopes with surrounding whitespace, which alchemiscale refuses too.
 * Keys are {@link ApiKey} values that never print themselves.
 */
package org.statestore.identity;
