package org.statestore.lock.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.SessionConfig;
import org.statestore.history.FenceLostException;
import org.statestore.history.internal.HistoryChain;
import org.statestore.history.internal.NewEntry;
import org.statestore.lock.Holder;
import org.statestore.lock.LeaseSettings;
import org.statestore.lock.LeaseState;
import org.statestore.lock.LockTimeoutException;
import org.statestore.testing.TestNeo4j;

@DisplayName("The migration lease")
class LeaseLockTest {

    private final TestNeo4j neo4j = TestNeo4j.get();
    private final SessionConfig db = SessionConfig.forDatabase("neo4j");
    private final List<String> log = new ArrayList<>();
    private final Consumer<String> sink = line -> {
        synchronized (log) {
            log.add(line);
        }
    };

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private static LeaseSettings settings(Duration ttl, Duration timeout) {
        return new LeaseSettings(ttl, ttl.dividedBy(4), timeout);
    }

    private LeaseLock acquire(String command, Duration ttl, Duration timeout) {
        return LeaseLock.acquire(neo4j.driver(), db, Holder.thisProcess(command), settings(ttl, timeout), sink);
    }

    @Test
    @DisplayName("is stored in a node, needs no constraint, and a second contender times out naming the holder")
    void exclusive() {
        try (LeaseLock first = acquire("first", Duration.ofSeconds(30), Duration.ZERO)) {
            assertEquals(1, neo4j.count("MATCH (l:__StatestoreLock) WHERE l.holder_command = 'first' RETURN count(l)"));
            assertEquals(List.of(), neo4j.constraintNames());
            LockTimeoutException e = assertThrows(LockTimeoutException.class,
                    () -> acquire("second", Duration.ofSeconds(30), Duration.ofMillis(1500)));
            assertTrue(e.getMessage().contains("held by first on"), e.getMessage());
            assertTrue(log.stream().anyMatch(l -> l.startsWith("waiting for the migration lock: held by first")), log.toString());
        }
    }

    @Test
    @DisplayName("is free at once after release")
    void release() {
        acquire("first", Duration.ofSeconds(30), Duration.ZERO).release();
        try (LeaseLock second = acquire("second", Duration.ofSeconds(30), Duration.ZERO)) {
            assertTrue(second.fence() >= 2, "a new holder gets a larger fencing token");
        }
    }

    @Test
    @DisplayName("left behind by a killed holder is taken over once it expires, with a larger fencing token")
    void expiredTakeover() {
        neo4j.query("CREATE (:__StatestoreLock {name: 'migrations', fence: 7, holder_id: 'dead', holder_host: 'gone', "
                + "holder_pid: 1, holder_command: 'migrate up', acquired_on: datetime() - duration('PT2M'), "
                + "heartbeat_on: datetime() - duration('PT2M'), expires_on: datetime() - duration('PT1M')})");
        try (LeaseLock taker = acquire("taker", Duration.ofSeconds(30), Duration.ZERO)) {
            assertEquals(8, taker.fence());
        }
    }

    @Test
    @DisplayName("is renewed by its heartbeat, so a live holder keeps it past its TTL")
    void heartbeat() throws InterruptedException {
        try (LeaseLock holder = acquire("holder", Duration.ofSeconds(2), Duration.ZERO)) {
            Thread.sleep(3500);
            assertFalse(holder.isLost());
            assertThrows(LockTimeoutException.class, () -> acquire("other", Duration.ofSeconds(2), Duration.ofMillis(500)));
        }
    }

    @Test
    @DisplayName("fences history writes: a holder whose lease was taken over can no longer write the chain")
    void fencing() {
        LeaseLock paused = acquire("paused", Duration.ofSeconds(30), Duration.ZERO);
        try {
            HistoryChain chain = new HistoryChain(neo4j.driver(), db).fencedBy(paused);
            chain.ensureRoot();
            // An entry written while the lease was still ours, which the paused holder later tries to finish.
            String started = chain.begin(new NewEntry("0", "early", "CYPHER", "v1:y", "f", "me",
                    org.statestore.history.RecordedRollback.none(), "single")).id();
            // The holder "pauses" past its expiry: nothing renews it, and another process takes over.
            neo4j.query("MATCH (l:__StatestoreLock) SET l.expires_on = datetime() - duration('PT1S')");
            try (LeaseLock taker = acquire("taker", Duration.ofSeconds(30), Duration.ZERO)) {
                assertTrue(taker.fence() > paused.fence());
                assertThrows(FenceLostException.class, () -> chain.begin(new NewEntry("1", "late", "CYPHER", "v1:x",
                        "f", "me", org.statestore.history.RecordedRollback.none(), "single")));
                assertTrue(paused.isLost());
                assertThrows(FenceLostException.class, () -> chain.succeed(started, Duration.ofMillis(5), 1));
                assertThrows(FenceLostException.class, () -> chain.progress(started, 1, "v1:prefix"));
                assertEquals(1, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"));
                assertEquals(1, neo4j.count("MATCH (e:__StatestoreEntry {state: 'running', statements_done: 0}) "
                        + "RETURN count(e)"), "the entry the paused holder began is unchanged");
                assertEquals(1, neo4j.count("MATCH (l:__StatestoreLock) WHERE l.holder_command = 'taker' RETURN count(l)"));
            }
        } finally {
            paused.release();
        }
    }

    @Test
    @DisplayName("has exactly one winner even when contenders start from several lease nodes created at once")
    void oneWinnerAmongDuplicates() throws Exception {
        // Without a constraint, racing contenders may each create a lease node: simulate three.
        neo4j.query("UNWIND range(1, 3) AS i CREATE (:__StatestoreLock {name: 'migrations', fence: 0})");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<LeaseLock>> contenders = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "c" + i;
                contenders.add(() -> {
                    try {
                        return acquire(name, Duration.ofSeconds(30), Duration.ZERO);
                    } catch (LockTimeoutException e) {
                        return null;
                    }
                });
            }
            List<LeaseLock> winners = new ArrayList<>();
            for (Future<LeaseLock> f : pool.invokeAll(contenders)) {
                if (f.get() != null) {
                    winners.add(f.get());
                }
            }
            assertEquals(1, winners.size());
            assertEquals(1, neo4j.count("MATCH (l:__StatestoreLock) RETURN count(DISTINCT l.holder_id)"));
            winners.forEach(LeaseLock::release);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("can be inspected without taking it")
    void peek() {
        assertTrue(LeaseLock.peek(neo4j.driver(), db).isEmpty());
        try (LeaseLock held = acquire("peeked", Duration.ofSeconds(30), Duration.ZERO)) {
            LeaseState state = LeaseLock.peek(neo4j.driver(), db).orElseThrow();
            assertEquals("peeked", state.holder().command());
            assertEquals(ProcessHandle.current().pid(), state.holder().pid());
        }
        assertTrue(LeaseLock.peek(neo4j.driver(), db).isEmpty());
    }

    @Test
    @DisplayName("names the run its holder marked on it until released; a killed holder's run is gone once the next "
            + "holder takes over, and a holder that lost the lease cannot mark one")
    void markedRun() {
        List<LeaseView.Unit> run = List.of(new LeaseView.Unit("1.2", "One"), new LeaseView.Unit("R", "Views"));
        try (LeaseLock held = acquire("migrate up", Duration.ofSeconds(30), Duration.ZERO)) {
            assertEquals(List.of(), LeaseLock.view(neo4j.driver(), db).orElseThrow().applying(), "none marked yet");
            held.markRun(run, 7, true);
            LeaseView view = LeaseLock.view(neo4j.driver(), db).orElseThrow();
            assertEquals(run, view.applying());
            assertEquals(7, view.afterSeq());
            assertTrue(view.grouped());
            assertEquals("migrate up", view.state().holder().command());
        }
        assertEquals(0, neo4j.count("MATCH (l:__StatestoreLock) WHERE l.applying_versions IS NOT NULL RETURN count(l)"),
                "release removes the run");

        LeaseLock killed = acquire("killed", Duration.ofSeconds(30), Duration.ZERO);
        killed.markRun(run, 0, false);
        neo4j.query("MATCH (l:__StatestoreLock) SET l.expires_on = datetime() - duration('PT1S')");
        try (LeaseLock next = acquire("next", Duration.ofSeconds(30), Duration.ZERO)) {
            assertEquals(List.of(), LeaseLock.view(neo4j.driver(), db).orElseThrow().applying());
            assertThrows(FenceLostException.class, () -> killed.markRun(run, 0, false));
            assertEquals(List.of(), LeaseLock.view(neo4j.driver(), db).orElseThrow().applying());
        } finally {
            killed.release();
        }
    }
}
