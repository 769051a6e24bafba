package org.statestore.migrate;

import java.util.Optional;

/**
 * Recognises a database that holds data but no history chain (it was built before statestore, or by
 * another tool) and says which version it is at. Consulted by {@code migrate up} only when the chain is
 * empty. Bundled detectors are registered with {@link java.util.ServiceLoader} under this interface.
 */
public interface ShapeDetector {

    /** The baseline to record, or empty when the database is empty or not recognised (then everything applies). */
    Optional<Baseline> detect(MigrationContext context) throws Exception;
}
