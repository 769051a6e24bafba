package org.statestore.lock.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;
import org.statestore.history.FenceLostException;
import org.statestore.history.internal.Fence;
import org.statestore.lock.Holder;
import org.statestore.lock.LeaseSettings;
import org.statestore.lock.LeaseState;
import org.statestore.lock.LockTimeoutException;

/**
 * A held migration lease, renewed in the background until released.
 *
 * <p>Why it is safe without a uniqueness constraint: before trying, a contender makes sure at least
 * one lease node exists (creating one only when it sees none; two may appear at the same moment). A
 * contender then, in one transaction, first writes to every lease node it can see (taking Neo4j's
 * write lock on each) and only then reads them; it wins only when none carries a live lease of someone
 * else, and then writes itself onto all of them. Two winners at once would need disjoint sets of
 * visible lease nodes, each created before its viewer's transaction and after the other's, which is
 * impossible. Expiry uses the database's clock, so clock skew between pods does not matter.
 *
 * <p>Every history write checks, under the same write locks, that the lease still names this holder
 * and its fencing token ({@link #check}); a holder that was paused past expiry and taken over can no
 * longer change the chain.
 */
public final class LeaseLock implements Fence, AutoCloseable {

    public static final String LABEL = "__StatestoreLock";

    private static final String ENSURE = """
            OPTIONAL MATCH (l:__StatestoreLock)
            WITH count(l) AS existing
            WHERE existing = 0
            CREATE (:__StatestoreLock {name: 'migrations', created_on: datetime.realtime(), fence: 0})""";

    // Write first (locks every visible lease node), read after: see the class comment.
    private static final String ACQUIRE = """
            MATCH (l:__StatestoreLock)
            SET l.contender = $me
            WITH collect(l) AS locks
            WITH locks, datetime.realtime() AS now
            WITH locks, now,
                 [x IN locks WHERE x.holder_id IS NOT NULL AND x.holder_id <> $me AND x.expires_on > now] AS live,
                 reduce(f = 0, x IN locks | CASE WHEN coalesce(x.fence, 0) > f THEN x.fence ELSE f END) AS maxFence
            FOREACH (x IN CASE WHEN size(live) = 0 THEN locks ELSE [] END |
                SET x.holder_id = $me, x.holder_host = $host, x.holder_pid = $pid, x.holder_command = $command,
                    x.acquired_on = now, x.heartbeat_on = now,
                    x.expires_on = now + duration({milliseconds: $ttl}), x.fence = maxFence + 1
                REMOVE x.applying_versions, x.applying_descriptions, x.applying_after_seq, x.applying_grouped)
            WITH size(live) = 0 AS acquired, maxFence + 1 AS token, head(live) AS holder
            RETURN acquired, token AS fence, holder { .* } AS holder""";

    private static final String RENEW = """
            MATCH (l:__StatestoreLock) WHERE l.holder_id = $me AND l.fence = $fence
            WITH l, datetime.realtime() AS now
            SET l.heartbeat_on = now, l.expires_on = now + duration({milliseconds: $ttl})
            RETURN count(l) AS renewed""";

    // The fence: write first (locks every visible lease node), then let the guarded write go on only if
    // the lease still names this holder and token. Prepended to history writes by HistoryChain.
    private static final String FENCE = """
            CALL {
                MATCH (l:__StatestoreLock)
                SET l.fenced_by = $fenceHolder
                WITH l WHERE l.holder_id = $fenceHolder AND l.fence = $fenceToken
                RETURN count(l) AS fenceHeld
            }
            WITH fenceHeld WHERE fenceHeld > 0
            """;

    // A killed holder's run stays on its nodes until the next holder's ACQUIRE removes it; only live leases are read.
    private static final String MARK_RUN = """
            MATCH (l:__StatestoreLock) WHERE l.holder_id = $me AND l.fence = $fence
            SET l.applying_versions = $versions, l.applying_descriptions = $descriptions,
                l.applying_after_seq = $afterSeq, l.applying_grouped = $grouped
            RETURN count(l) AS marked""";

    private static final String RELEASE = """
            MATCH (l:__StatestoreLock) WHERE l.holder_id = $me AND l.fence = $fence
            SET l.released_on = datetime.realtime()
            REMOVE l.holder_id, l.holder_host, l.holder_pid, l.holder_command, l.acquired_on, l.heartbeat_on,
                   l.expires_on, l.applying_versions, l.applying_descriptions, l.applying_after_seq, l.applying_grouped""";

    private static final String PEEK = """
            MATCH (l:__StatestoreLock) WHERE l.holder_id IS NOT NULL AND l.expires_on > datetime.realtime()
            RETURN l { .* } AS holder LIMIT 1""";

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final Holder holder;
    private final long fence;
    private final LeaseSettings settings;
    private final Consumer<String> log;
    private final ScheduledExecutorService heartbeat;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    private LeaseLock(Driver driver, SessionConfig sessionConfig, Holder holder, long fence, LeaseSettings settings,
                      Consumer<String> log) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
        this.holder = holder;
        this.fence = fence;
        this.settings = settings;
        this.log = log;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "statestore-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = settings.heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Acquires the lease, waiting up to the settings' timeout while another process holds it and
     * logging who that is. Throws {@link LockTimeoutException} when the wait runs out.
     */
    public static LeaseLock acquire(Driver driver, SessionConfig sessionConfig, Holder me, LeaseSettings settings,
                                    Consumer<String> log) {
        Instant deadline = Instant.now().plus(settings.timeout());
        String lastHolder = null;
        Optional<LeaseState> seen = Optional.empty();
        try (Session session = driver.session(sessionConfig)) {
            while (true) {
                session.executeWriteWithoutResult(tx -> tx.run(ENSURE).consume());
                Record r = session.executeWrite(tx -> tx.run(ACQUIRE, Map.of("me", me.id(), "host", me.host(),
                        "pid", me.pid(), "command", me.command(), "ttl", settings.ttl().toMillis())).single());
                if (r.get("acquired").asBoolean()) {
                    return new LeaseLock(driver, sessionConfig, me, r.get("fence").asLong(), settings, log);
                }
                seen = Optional.of(stateOf(r.get("holder")));
                String who = seen.get().holder().id();
                if (!who.equals(lastHolder)) {
                    log.accept("waiting for the migration lock: " + seen.get().describe());
                    lastHolder = who;
                }
                Instant now = Instant.now();
                if (!now.isBefore(deadline)) {
                    throw new LockTimeoutException(settings.timeout(), seen);
                }
                // Short, jittered polls: followers of a finished run get the lease one after another.
                long pause = Math.min(200 + ThreadLocalRandom.current().nextLong(400),
                        Math.max(1, deadline.toEpochMilli() - now.toEpochMilli()));
                Thread.sleep(pause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockTimeoutException(Duration.ZERO, seen);
        }
    }

    /** The live lease, if any, as a follower would see it; takes no lock. */
    public static Optional<LeaseState> peek(Driver driver, SessionConfig sessionConfig) {
        return view(driver, sessionConfig).map(LeaseView::state);
    }

    /** The live lease, if any, with the run its holder marked on it; takes no lock. */
    public static Optional<LeaseView> view(Driver driver, SessionConfig sessionConfig) {
        try (Session session = driver.session(sessionConfig)) {
            return session.executeRead(tx -> tx.run(PEEK).list()).stream().findFirst()
                    .map(r -> viewOf(r.get("holder")));
        }
    }

    private static LeaseView viewOf(Value h) {
        List<String> versions = h.get("applying_versions").isNull() ? List.of()
                : h.get("applying_versions").asList(Value::asString);
        List<String> descriptions = h.get("applying_descriptions").isNull() ? List.of()
                : h.get("applying_descriptions").asList(Value::asString);
        List<LeaseView.Unit> units = new ArrayList<>();
        for (int i = 0; i < versions.size() && i < descriptions.size(); i++) {
            units.add(new LeaseView.Unit(versions.get(i), descriptions.get(i)));
        }
        return new LeaseView(stateOf(h), units, h.get("applying_after_seq").asLong(0),
                h.get("applying_grouped").asBoolean(false));
    }

    private static LeaseState stateOf(Value h) {
        return new LeaseState(new Holder(h.get("holder_id").asString(""), h.get("holder_host").asString("?"),
                h.get("holder_pid").asLong(0), h.get("holder_command").asString("?")),
                h.get("acquired_on").asZonedDateTime(), h.get("heartbeat_on").asZonedDateTime(),
                h.get("expires_on").asZonedDateTime());
    }

    /** The fencing token: strictly larger for every new holder. */
    public long fence() {
        return fence;
    }

    public Holder holder() {
        return holder;
    }

    /** True once a renewal found the lease taken over; the holder must stop writing. */
    public boolean isLost() {
        return lost.get();
    }

    @Override
    public String clause() {
        return FENCE;
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("fenceHolder", holder.id(), "fenceToken", fence);
    }

    @Override
    public FenceLostException lost() {
        lost.set(true);
        return new FenceLostException("the migration lock was taken over by another process (this process's "
                + "lease expired); nothing more was written");
    }

    /**
     * Names on the lease the units this holder's run is about to apply, in order, and the newest history entry
     * before them, so {@code migrate info} can show which one is running without a history write per unit
     * ({@link LeaseView}). One small transaction per run, before its first unit: units' own transactions then
     * touch the lease only with their fence, just before they commit, and never hold up a heartbeat.
     *
     * @param grouped whether the units share one transaction (all of them are in flight until it commits)
     * @throws FenceLostException when the lease was taken over
     */
    public void markRun(List<LeaseView.Unit> units, long afterSeq, boolean grouped) {
        try (Session session = driver.session(sessionConfig)) {
            long marked = session.executeWrite(tx -> tx.run(MARK_RUN, Map.of("me", holder.id(), "fence", fence,
                    "versions", units.stream().map(LeaseView.Unit::version).toList(),
                    "descriptions", units.stream().map(LeaseView.Unit::description).toList(),
                    "afterSeq", afterSeq, "grouped", grouped)).single().get("marked").asLong());
            if (marked == 0) {
                throw lost();
            }
        }
    }

    private void renew() {
        if (released.get()) {
            return;
        }
        try (Session session = driver.session(sessionConfig)) {
            long renewed = session.executeWrite(tx -> tx.run(RENEW, Map.of("me", holder.id(), "fence", fence,
                    "ttl", settings.ttl().toMillis())).single().get("renewed").asLong());
            if (renewed == 0 && !lost.getAndSet(true)) {
                log.accept("warning: lost the migration lock: another process took it over after it expired");
            }
        } catch (Neo4jException | IllegalStateException e) {
            // A missed beat is not fatal: the TTL leaves room for several. Say so and try again next beat.
            log.accept("warning: lease heartbeat failed: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Stops renewing and frees the lease so the next process starts at once. */
    public void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        heartbeat.shutdownNow();
        try (Session session = driver.session(sessionConfig)) {
            session.executeWriteWithoutResult(tx -> tx.run(RELEASE, Map.of("me", holder.id(), "fence", fence)).consume());
        } catch (Neo4jException e) {
            log.accept("warning: could not release the migration lock (it expires by itself): "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    @Override
    public void close() {
        release();
    }
}
