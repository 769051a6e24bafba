/**
 * Reaching a Neo4j database: connection settings from flags and environment, a remote driver or an
 * in-process embedded server as the target, waiting for a database that is still starting, and the
 * failures of getting there classified so callers can tell "unreachable" from "wrong password".
 */
package org.statestore.neo4j;
