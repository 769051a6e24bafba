package org.statestore.backup.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.statestore.backup.BackupHeader;
import org.statestore.backup.VerifyResult;

/**
 * The backups in one directory: files named {@code <database>-<yyyyMMdd'T'HHmmss'Z'>.ssbak} (online) or
 * {@code .dump} (offline), newest first. Temporary files of unfinished backups start with a dot and are
 * not listed. Every file is untrusted: one that cannot be read is reported (one line) and the others
 * are still listed, and retention counts only files that verify.
 */
public final class BackupCatalog {

    /** Whether Neo4j can read an offline dump: empty when it can, else why not. */
    @FunctionalInterface
    public interface DumpCheck {
        Optional<String> problem(Path dump);

        /** Counts no dump as verified (for callers without Neo4j's admin tool). */
        DumpCheck NONE = dump -> Optional.of("offline dumps are not verified here");
    }

    /** A file dated further ahead than this is not trusted to be the newest. */
    static final Duration FUTURE_SLACK = Duration.ofDays(1);

    private static final Comparator<CatalogEntry> NEWEST_FIRST = Comparator
            .comparing((CatalogEntry e) -> e.time().orElse(Instant.MIN)).reversed()
            .thenComparing(e -> e.file().getFileName().toString(), Comparator.reverseOrder());

    private final BackupReader reader;
    private final DumpCheck dumps;
    private final Clock clock;

    /** A catalogue that lists with {@code reader} and prunes only online backups it can verify. */
    public BackupCatalog(BackupReader reader) {
        this(reader, DumpCheck.NONE, Clock.systemUTC());
    }

    /** @param dumps how an offline dump is verified before prune counts or deletes it */
    public BackupCatalog(BackupReader reader, DumpCheck dumps, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.dumps = Objects.requireNonNull(dumps, "dumps");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every backup file in {@code dir}, newest first; reads only each online backup's header (at most 8 KiB of it). */
    public List<CatalogEntry> list(Path dir) throws IOException {
        List<CatalogEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") || !BackupFormat.isBackupName(name) || !Files.isRegularFile(f)) {
                    continue;
                }
                entries.add(entry(f, name));
            }
        }
        entries.sort(NEWEST_FIRST);
        return entries;
    }

    private CatalogEntry entry(Path f, String name) {
        Optional<Instant> nameTime = BackupFormat.timeFromName(name);
        long size;
        try {
            size = Files.size(f);
        } catch (IOException e) {
            return new CatalogEntry(f, kind(name), nameTime, 0, Optional.empty(),
                    Optional.of("cannot read: " + BackupReader.detail(e)));
        }
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
        } catch (IOException | RuntimeException e) {
            // One unreadable file must not end the listing of the others.
            return new CatalogEntry(f, CatalogEntry.Kind.ONLINE, nameTime, size, Optional.empty(),
                    Optional.of("cannot read: " + BackupReader.detail(e)));
        }
    }

    private static CatalogEntry.Kind kind(String name) {
        return name.endsWith(BackupFormat.DUMP_EXTENSION) ? CatalogEntry.Kind.OFFLINE : CatalogEntry.Kind.ONLINE;
    }

    /**
     * Keeps the newest {@code keep} verified backups in {@code dir} (online and offline together, by time)
     * and deletes the older verified ones; with {@code dryRun} deletes nothing and reports what it would
     * delete. Only a verified file counts: an online backup whose trailer and checksum match and whose
     * header reads, or a dump Neo4j's admin tool reads. A file that does not verify, or is dated more than
     * a day ahead, is never counted and never deleted ({@code skipped}, with the reason), so it can
     * never displace a verified backup.
     */
    public PruneResult prune(Path dir, int keep, boolean dryRun) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        List<CatalogEntry> verified = new ArrayList<>();
        List<CatalogEntry> skipped = new ArrayList<>();
        Instant latest = clock.instant().plus(FUTURE_SLACK);
        for (CatalogEntry e : list(dir)) {
            Optional<String> problem = problem(e, latest);
            if (problem.isPresent()) {
                skipped.add(e.withProblem(problem.get()));
            } else {
                verified.add(e);
            }
        }
        List<CatalogEntry> kept = new ArrayList<>();
        List<CatalogEntry> deleted = new ArrayList<>();
        for (CatalogEntry e : verified) {
            if (kept.size() < keep) {
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

    /** Why {@code e} does not count as a verified backup, or empty. */
    private Optional<String> problem(CatalogEntry e, Instant latest) {
        if (e.problem().isPresent()) {
            return e.problem();
        }
        if (e.time().isEmpty()) {
            return Optional.of("its time is unknown");
        }
        try {
            if (e.kind() == CatalogEntry.Kind.OFFLINE) {
                Optional<String> p = dumps.problem(e.file());
                if (p.isPresent()) {
                    return Optional.of("not verified: " + p.get());
                }
            } else {
                VerifyResult v = reader.checkIntegrity(e.file());
                if (v instanceof VerifyResult.Invalid i) {
                    return Optional.of("not verified: " + i.reason());
                }
                if (v instanceof VerifyResult.Missing) {
                    return Optional.of("gone");
                }
                if (v instanceof VerifyResult.Valid ok && !ok.header().createdAt().equals(e.time().get())) {
                    return Optional.of("not verified: it changed while it was read");
                }
            }
        } catch (RuntimeException x) {
            return Optional.of("not verified: " + BackupReader.detail(x));
        }
        if (e.time().get().isAfter(latest)) {
            return Optional.of("dated " + e.time().get() + ", in the future: not trusted to be the newest");
        }
        return Optional.empty();
    }
}
