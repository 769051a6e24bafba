package org.statestore.backup;

import java.util.List;

/**
 * What {@code backup prune} kept and deleted (or, in a dry run, would delete). Files whose header cannot
 * be read are never deleted; they are listed in {@code skipped}.
 */
public record PruneResult(List<CatalogEntry> kept, List<CatalogEntry> deleted, List<CatalogEntry> skipped,
                          boolean dryRun) {

    public PruneResult {
        kept = List.copyOf(kept);
        deleted = List.copyOf(deleted);
        skipped = List.copyOf(skipped);
    }
}
