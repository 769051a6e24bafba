/**
 * Reaching a Neo4j database, as embedders see it: connection settings ({@link
 * org.statestore.neo4j.ConnectionSettings}, {@link org.statestore.neo4j.Secret}), what a store is connected to
 * ({@link org.statestore.neo4j.ConnectedServer}, {@link org.statestore.neo4j.ServerInfo}), the failure of getting
 * there ({@link org.statestore.neo4j.ConnectionException}, classified so callers can tell "unreachable" from
 * "wrong password"), and the refusal of a server below Neo4j 5.0 ({@link
 * org.statestore.neo4j.UnsupportedServerException}). Connecting is {@code org.statestore.neo4j.internal}'s.
 */
package org.statestore.neo4j;
