/**
 * Not API: reading a migration script's header comments ({@link org.statestore.cypher.internal.ScriptHeader}),
 * for unit discovery; it may change without notice.
 */
package org.statestore.cypher.internal;
