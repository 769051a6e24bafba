/**
 * The public entry point: {@link org.statestore.Statestore}, opened from a
 * {@link org.statestore.StatestoreConfig}, runs and reports migrations on one Neo4j database and
 * returns result values. The command line is its first client; applications embed it the same way.
 */
package org.statestore;
