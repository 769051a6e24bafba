/**
 * Not API: connecting to a target ({@link org.statestore.neo4j.internal.TargetConnector}): a remote driver or an
 * in-process embedded server, waiting for a database that is still starting, and Neo4j's admin tool; for the
 * facade and the CLI, and it may change without notice. The embedded server has a password in place before its
 * Bolt port opens (a command's own store: one drawn at random for the run) and reads no local files with LOAD
 * CSV.
 */
package org.statestore.neo4j.internal;
