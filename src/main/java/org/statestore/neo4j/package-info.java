/**
 * Reaching a Neo4j database: connection settings from flags and environment, a remote driver or an
 * in-process embedded server as the target, waiting for a database that is still starting, and the
 * failures of getting there classified so callers can tell "unreachable" from "wrong password". The
 * embedded server has a password in place before its Bolt port opens (a command's own store: one drawn at
 * random for the run) and reads no local files with LOAD CSV.
 */
package org.statestore.neo4j;
