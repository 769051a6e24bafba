/**
 * The migration engine as embedders see it: units (Cypher scripts and Java classes) with their versions and
 * locations, the SPI for Java units and shape detectors ({@link org.statestore.migrate.JavaMigration},
 * {@link org.statestore.migrate.JavaUnit}, {@link org.statestore.migrate.MigrationContext},
 * {@link org.statestore.migrate.ShapeDetector}), the options of a run and the result values the facade returns.
 * Discovering, planning and running units is {@code org.statestore.migrate.internal}'s.
 */
package org.statestore.migrate;
