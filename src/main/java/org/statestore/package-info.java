/**
 * The public entry point: {@link org.statestore.Statestore}, opened from a
 * {@link org.statestore.StatestoreConfig}, runs and reports migrations on one Neo4j database and
 * returns result values. The command line is its first client; applications embed it the same way.
 *
 * <p>The API is this package and the types each capability package ({@code alchemiscale}, {@code backup},
 * {@code cypher}, {@code history}, {@code identity}, {@code lock}, {@code migrate}, {@code neo4j},
 * {@code progress}) keeps, as README.md's "Public API" lists them; a package named {@code ...internal} is not
 * API and may change without notice.
 */
package org.statestore;
