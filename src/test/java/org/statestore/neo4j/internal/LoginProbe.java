package org.statestore.neo4j.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/**
 * Logins for tests: one attempt, or the same attempt again and again on a thread of its own from before a
 * server starts, each with a new driver so no earlier failure can be remembered and repeated.
 */
public final class LoginProbe implements AutoCloseable {

    /** What one login and {@code RETURN 1} got. */
    public enum Outcome {
        /** Nothing listens yet (or any more). */
        UNREACHABLE,
        /** The server refused the credentials (or, after a few, locked the user for a while). */
        REFUSED,
        /** Logged in and ran the query. */
        ACCEPTED,
        /** Anything else, e.g. logged in but told to change the password first: a login all the same. */
        OTHER
    }

    /** One attempt's outcome and the error's first line. */
    public record Attempt(Outcome outcome, String detail) {
    }

    private final Thread thread;
    private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopped;

    private LoginProbe(String url, AuthToken token, Duration interval) {
        thread = new Thread(() -> {
            while (!stopped) {
                attempts.add(attempt(url, token));
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "login-probe");
        thread.setDaemon(true);
    }

    /** Starts trying {@code token} on {@code url} every {@code interval}. */
    public static LoginProbe every(Duration interval, String url, AuthToken token) {
        LoginProbe probe = new LoginProbe(url, token, interval);
        probe.thread.start();
        return probe;
    }

    /** Stops trying and returns every attempt, in order. */
    public List<Attempt> stop() throws InterruptedException {
        stopped = true;
        thread.join(30_000);
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** A driver that has not connected yet, so that its first login is a moment's work once a port opens. */
    public static Driver driver(String url, AuthToken token) {
        return GraphDatabase.driver(url, token, Config.builder().withLogging(Logging.none()).withTelemetryDisabled(true)
                .withConnectionTimeout(1, TimeUnit.SECONDS).withConnectionAcquisitionTimeout(5, TimeUnit.SECONDS)
                .withMaxConnectionPoolSize(1).build());
    }

    /** One login with a driver of its own, and one query. */
    public static Attempt attempt(String url, AuthToken token) {
        return attempt(driver(url, token));
    }

    /** One login and one query with {@code driver}, which is closed after. */
    public static Attempt attempt(Driver driver) {
        try (Session session = driver.session()) {
            session.run("RETURN 1").consume();
            return new Attempt(Outcome.ACCEPTED, "");
        } catch (ServiceUnavailableException e) {
            return new Attempt(Outcome.UNREACHABLE, firstLine(e));
        } catch (AuthenticationException e) {
            return new Attempt(Outcome.REFUSED, firstLine(e));
        } catch (SecurityException e) {
            boolean refused = e.code() != null && (e.code().endsWith("Unauthorized")
                    || e.code().endsWith("AuthenticationRateLimit"));
            return new Attempt(refused ? Outcome.REFUSED : Outcome.OTHER, e.code() + ": " + firstLine(e));
        } catch (RuntimeException e) {
            return new Attempt(Outcome.OTHER, e.getClass().getSimpleName() + ": " + firstLine(e));
        } finally {
            driver.closeAsync(); // not waiting for its IO thread's quiet period keeps the cadence
        }
    }

    /** Attempts in short: how many of each outcome, and the first of each. */
    public static String summary(List<Attempt> attempts) {
        StringBuilder text = new StringBuilder();
        for (Outcome outcome : Outcome.values()) {
            List<Attempt> some = attempts.stream().filter(a -> a.outcome() == outcome).toList();
            if (!some.isEmpty()) {
                text.append(some.size()).append(" x ").append(outcome).append(" (").append(some.get(0).detail()).append(") ");
            }
        }
        return text.toString().strip();
    }

    private static String firstLine(Throwable e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
