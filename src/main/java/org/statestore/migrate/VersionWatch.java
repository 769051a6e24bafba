package org.statestore.migrate;

import java.util.Optional;

/**
 * How waiting for a version ({@code Statestore.awaitVersion}) ended. The wait polls the history chain, without
 * any lock, until the database reaches the version: how an application pod waits for the init container (or a
 * Job) of its rollout to finish the schema.
 */
public final class VersionWatch {

    private VersionWatch() {
    }

    /** How a wait ended. */
    public sealed interface Outcome {
        Optional<Version> current();

        /** The chain reached the version. */
        record Reached(Optional<Version> current) implements Outcome {
        }

        /** The timeout passed first. */
        record TimedOut(Optional<Version> current) implements Outcome {
        }
    }
}
