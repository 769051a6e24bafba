package org.statestore.alchemiscale;

/**
 * What {@link V03StoreGenerator} builds.
 *
 * @param networks                  how many AlchemicalNetworks (spread round-robin over three scopes)
 * @param transformationsPerNetwork Transformations each network DEPENDS_ON
 * @param tasksPerTransformation    Tasks that PERFORM each Transformation (statuses cycle waiting, running,
 *                                  complete, error)
 * @param batchSize                 networks written per transaction
 */
public record SeedSpec(int networks, int transformationsPerNetwork, int tasksPerTransformation, int batchSize) {

    public static final int DEFAULT_TRANSFORMATIONS = 2;
    public static final int DEFAULT_TASKS = 1;
    public static final int DEFAULT_BATCH = 2000;

    public SeedSpec {
        if (networks < 0) {
            throw new IllegalArgumentException("networks must be 0 or more, was " + networks);
        }
        if (transformationsPerNetwork < 0 || transformationsPerNetwork > 100) {
            throw new IllegalArgumentException("transformations per network must be 0-100, was "
                    + transformationsPerNetwork);
        }
        if (tasksPerTransformation < 0 || tasksPerTransformation > 100) {
            throw new IllegalArgumentException("tasks per transformation must be 0-100, was " + tasksPerTransformation);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
    }

    /** {@code networks} networks with the default density and batch size. */
    public static SeedSpec of(int networks) {
        return new SeedSpec(networks, DEFAULT_TRANSFORMATIONS, DEFAULT_TASKS, DEFAULT_BATCH);
    }
}
