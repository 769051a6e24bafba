package org.statestore.backup.internal;

import java.util.List;

/**
 * What {@code backup prune} kept and deleted (or, in a dry run, would delete). Only verified files are
 * kept or deleted; files that do not verify are never deleted and never counted: they are listed in
 * {@code skipped}, each with its {@link CatalogEntry#problem()}.
 */
public record PruneResult(List<CatalogEntry> kept, List<CatalogEntry> deleted, List<CatalogEntry> skipped,
                          boolean dryRun) {

    public PruneResult {
        kept = List.copyOf(kept);
        deleted = List.copyOf(deleted);
        skipped = List.copyOf(skipped);
    }
}
