package org.statestore.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.statestore.backup.internal.BackupReader;
import org.statestore.backup.internal.BackupRestorer;
import org.statestore.backup.internal.BackupWriter;
import org.statestore.backup.internal.ScratchSpace;
import org.statestore.backup.internal.TargetState;
import org.statestore.lock.Holder;
import org.statestore.lock.LeaseSettings;
import org.statestore.lock.internal.LeaseLock;
import org.statestore.progress.ProgressSink;

/**
 * The backups of one open database, as an open store hands them out ({@code store.backups()}): online
 * backups, under the migration lease or a guard of the caller's, and verified restores.
 *
 * <pre>{@code
 * CreateResult r = store.backups().create(Path.of("backups"));
 * }</pre>
 *
 * <p>Verifying a file needs no connection ({@link #verify(Path)}); listing and pruning a directory of backups
 * are the CLI's ({@code backup list}, {@code backup prune}).
 */
public final class Backups {

    /** The lease holder's command while {@link #create(Path)} reads. */
    public static final String CREATE_COMMAND = "backup create";

    private final Driver driver;
    private final String database;
    private final String serverVersion;
    private final String toolVersion;
    private final LeaseSettings lease;
    private final Consumer<String> log;
    private final ProgressSink counts;

    /**
     * @param serverVersion the server's Neo4j version, recorded in a backup's header and deciding how a
     *                      restore passes labels and types
     * @param toolVersion   statestore's version, recorded in a backup's header
     * @param lease         how long {@link #migrationLease} waits for the lease, and its TTL and heartbeat
     * @param counts        where backups and restores count the records they write and read back
     */
    public Backups(Driver driver, String database, String serverVersion, String toolVersion, LeaseSettings lease,
                   Consumer<String> log, ProgressSink counts) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.database = Objects.requireNonNull(database, "database");
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.log = Objects.requireNonNull(log, "log");
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    /**
     * Backs the database up into {@code directory} holding the migration lease as {@value #CREATE_COMMAND}
     * while it reads, so no migration runs during the dump and the history head in the header is the one
     * the content matches. See {@link #create(Path, DumpGuard)}.
     *
     * @throws org.statestore.lock.LockTimeoutException when another process holds the lease for longer than
     *                                                   the configured wait (nothing is written)
     */
    public CreateResult create(Path directory) {
        return create(directory, migrationLease(CREATE_COMMAND));
    }

    /**
     * Backs the database up into {@code directory} holding {@code guard} while it reads: {@link DumpGuard#NONE}
     * for a caller that already holds the migration lease (as {@code migrate up --backup-dir} does).
     */
    public CreateResult create(Path directory, DumpGuard guard) {
        return new BackupWriter(driver, database, serverVersion, toolVersion, log, Clock.systemUTC(),
                ScratchSpace.defaultBase(), counts).create(directory, guard);
    }

    /**
     * Checks the backup {@code file} in full without connecting to anything: the SHA-256 trailer, the format and
     * record order, every name, value and constraint or index record a restore would refuse, the end record, and
     * the counts and content digest against the header. What {@code backup verify} prints; a
     * {@link VerifyResult.Valid} is what {@link #restore} takes.
     */
    public VerifyResult verify(Path file) {
        return new BackupReader(ScratchSpace.defaultBase(), counts).verify(file);
    }

    /**
     * Restores a verified backup ({@link #verify(Path)}), holding no lease. Without {@code replace} the database must
     * be empty, so it has no lease node; with it, everything in it is deleted first (only once the file has been
     * checked in full, and is still that file), lease nodes included, so a migration that held the lease fails its
     * next fenced write instead of writing on.
     */
    public RestoreResult restore(VerifyResult.Valid backup, boolean replace) {
        return new BackupRestorer(driver, database, Optional.of(serverVersion), log, ScratchSpace.defaultBase(), counts)
                .restore(backup, replace, DumpGuard.NONE);
    }

    /**
     * Why {@link #restore} without {@code replace} would refuse this database now: it holds nodes (lease nodes
     * too), constraints or indexes other than LOOKUP ones, as one line ({@code database neo4j is not empty (3 nodes,
     * 0 constraints, 0 indexes)}); empty when it is empty. For a caller that must know before long work of its own
     * (as {@code upgrade store --into} does); the restore checks again.
     */
    public Optional<String> whyNotEmpty() {
        BackupRestorer restorer = new BackupRestorer(driver, database, Optional.of(serverVersion), log,
                ScratchSpace.defaultBase(), counts);
        TargetState state = restorer.inspect();
        return state.isEmpty() ? Optional.empty() : Optional.of(restorer.notEmpty(state));
    }

    /**
     * A guard that holds the migration lease: each {@link DumpGuard#hold()} acquires it as {@code command} of
     * this process, waiting up to the configured timeout and throwing
     * {@link org.statestore.lock.LockTimeoutException} (naming the holder) when it runs out; closing the held
     * guard releases it.
     */
    public DumpGuard migrationLease(String command) {
        return () -> {
            // A fresh holder id per attempt, as the migration runner does: two holds never share one lease.
            LeaseLock held = LeaseLock.acquire(driver, SessionConfig.forDatabase(database), Holder.thisProcess(command),
                    lease, log);
            return new DumpGuard.Held() {
                @Override
                public Optional<String> lost() {
                    return held.isLost() ? Optional.of("the migration lock was taken over by another process "
                            + "while the backup read (this process's lease expired)") : Optional.empty();
                }

                @Override
                public void close() {
                    held.release();
                }
            };
        };
    }
}
