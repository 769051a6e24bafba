/**
 * The migration engine: units (Cypher scripts and Java classes) with their versions and checksums,
 * discovering them in locations, planning which are pending against the history chain, and running
 * them in order.
 */
package org.statestore.migrate;
