/**
 * Not API: the hashing and login rules behind {@link org.statestore.identity.IdentityStore}, for the CLI and this
 * project's own use; they may change without notice. {@link org.statestore.identity.internal.KeyHasher} is bcrypt
 * as alchemiscale uses it, {@link org.statestore.identity.internal.TokenLogin} the rule by which alchemiscale's
 * {@code /token} finds an identity.
 */
package org.statestore.identity.internal;
