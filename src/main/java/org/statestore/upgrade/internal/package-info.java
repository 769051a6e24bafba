/**
 * Not API: the operations manual's whole "v0.3 to v0.4" upgrade as one step-by-step, checked procedure, for the
 * CLI's {@code upgrade} commands; it may change without notice. A Neo4j 4.4 dump is loaded into a new Neo4j 5
 * store with Neo4j's own admin tool, its store format migrated (BTREE indexes to RANGE), then alchemiscale's units
 * applied and the result checked; with {@code --into}, the result is then restored into a running Neo4j 5 server of
 * any version through the facade's verified restore and checked there. The operator's dump is only ever read.
 */
package org.statestore.upgrade.internal;
