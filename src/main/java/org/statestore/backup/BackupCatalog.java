package org.statestore.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backups in one directory: files named {@code <database>-<yyyyMMdd'T'HHmmss'Z'>.ssbak} (online) or
 * {@code .dump} (offline), newest first. Temporary files of unfinished backups start with a dot and are
 * not listed.
 */
public final class BackupCatalog {

    private static final Comparator<CatalogEntry> NEWEST_FIRST = Comparator
            .comparing((CatalogEntry e) -> e.time().orElse(Instant.MIN)).reversed()
            .thenComparing(e -> e.file().getFileName().toString(), Comparator.reverseOrder());

    private final BackupReader reader;

    public BackupCatalog(BackupReader reader) {
        this.reader = reader;
    }

    /** Every backup file in {@code dir}, newest first; reads only each online backup's header. */
    public List<CatalogEntry> list(Path dir) throws IOException {
        List<CatalogEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(f) || !BackupFormat.isBackupName(name)) {
                    continue;
                }
                entries.add(entry(f, name));
            }
        }
        entries.sort(NEWEST_FIRST);
        return entries;
    }

    private CatalogEntry entry(Path f, String name) throws IOException {
        long size = Files.size(f);
        Optional<Instant> nameTime = BackupFormat.timeFromName(name);
        if (name.endsWith(BackupFormat.DUMP_EXTENSION)) {
            return new CatalogEntry(f, CatalogEntry.Kind.OFFLINE, nameTime, size, Optional.empty(), Optional.empty());
        }
        try {
            BackupHeader h = reader.readHeader(f);
            return new CatalogEntry(f, CatalogEntry.Kind.ONLINE, Optional.of(h.createdAt()), size, Optional.of(h),
                    Optional.empty());
        } catch (BackupFormatException e) {
            return new CatalogEntry(f, CatalogEntry.Kind.ONLINE, nameTime, size, Optional.empty(),
                    Optional.of(e.getMessage()));
        }
    }

    /**
     * Keeps the newest {@code keep} backups in {@code dir} (online and offline together, by time) and
     * deletes the rest; with {@code dryRun} deletes nothing and reports what it would delete.
     */
    public PruneResult prune(Path dir, int keep, boolean dryRun) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        List<CatalogEntry> kept = new ArrayList<>();
        List<CatalogEntry> deleted = new ArrayList<>();
        List<CatalogEntry> skipped = new ArrayList<>();
        for (CatalogEntry e : list(dir)) {
            if (!e.prunable()) {
                skipped.add(e);
            } else if (kept.size() < keep) {
                kept.add(e);
            } else {
                if (!dryRun) {
                    Files.deleteIfExists(e.file());
                }
                deleted.add(e);
            }
        }
        return new PruneResult(kept, deleted, skipped, dryRun);
    }
}
