package org.statestore.neo4j.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.FatalDiscoveryException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import org.statestore.neo4j.ConnectionException;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.neo4j.Secret;
import org.statestore.neo4j.ServerInfo;

/**
 * Opens the {@link Neo4jTarget} that {@link ConnectionSettings} describe, waiting for a server that is
 * not reachable yet when told to, and failing at once on what waiting cannot fix (credentials, URL).
 */
public final class TargetConnector {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Consumer<String> log;
    private final Clock clock;
    /** Made when the embedded store needs a password: seeding one is a cost a remote run need not pay. */
    private final Supplier<SecureRandom> random;

    /** {@code random} draws the embedded store's password for each run. */
    public TargetConnector(Consumer<String> log, Clock clock, SecureRandom random) {
        this(log, clock, () -> random);
    }

    private TargetConnector(Consumer<String> log, Clock clock, Supplier<SecureRandom> random) {
        this.log = log;
        this.clock = clock;
        this.random = random;
    }

    public TargetConnector(Consumer<String> log, Clock clock) {
        this(log, clock, SecureRandom::new);
    }

    public TargetConnector(Consumer<String> log) {
        this(log, Clock.systemUTC());
    }

    public Neo4jTarget open(ConnectionSettings settings) {
        return settings.isEmbedded() ? openEmbedded(settings) : openRemote(settings);
    }

    /**
     * Starts the embedded store with a password drawn for this run, known only to this process (never logged,
     * never stored), so other local users cannot use the store while the command runs.
     */
    private Neo4jTarget openEmbedded(ConnectionSettings settings) {
        Secret password = Secret.random(random.get());
        EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Options.shortLived(settings.dataDir(), password));
        Driver driver = null;
        try {
            driver = GraphDatabase.driver(server.boltUrl(), AuthTokens.basic(ConnectionSettings.DEFAULT_USER,
                    password.reveal()), driverConfig(Duration.ofSeconds(30)));
            ServerInfo info = probe(driver, settings.database());
            return new EmbeddedTarget(server, driver, settings.database(), info,
                    "embedded Neo4j " + info.version() + " in " + settings.dataDir().toAbsolutePath().normalize()
                            + " (database " + settings.database() + ")");
        } catch (RuntimeException e) {
            if (driver != null) {
                driver.close();
            }
            server.close();
            throw e instanceof ConnectionException ? e : new ConnectionException(ConnectionException.Kind.UNAVAILABLE,
                    "embedded Neo4j did not answer: " + EmbeddedServer.rootMessage(e));
        }
    }

    private Neo4jTarget openRemote(ConnectionSettings settings) {
        String url = settings.url().orElseThrow().toString();
        AuthToken auth = settings.password().isEmpty() && settings.user().isEmpty()
                ? AuthTokens.none()
                : AuthTokens.basic(settings.user(), settings.password().reveal());
        Instant deadline = clock.instant().plus(settings.waitForDb());
        Duration backoff = FIRST_BACKOFF;
        int attempt = 0;
        while (true) {
            attempt++;
            Driver driver;
            try {
                driver = GraphDatabase.driver(url, auth, driverConfig(connectTimeout(deadline)));
            } catch (IllegalArgumentException e) {
                throw new ConnectionException(ConnectionException.Kind.UNREACHABLE, "bad URL '" + url + "': "
                        + e.getMessage());
            }
            try {
                ServerInfo info = probe(driver, settings.database());
                String description = url + " (Neo4j " + info.version() + " " + info.edition() + ", database "
                        + settings.database() + ")";
                return new RemoteTarget(driver, settings.database(), info, description);
            } catch (ConnectionException e) {
                driver.close();
                if (e.kind() != ConnectionException.Kind.UNREACHABLE) {
                    throw e;
                }
                Instant now = clock.instant();
                if (!now.isBefore(deadline)) {
                    throw new ConnectionException(e.kind(), e.getMessage()
                            + (attempt > 1 ? " (gave up after " + attempt + " attempts)" : ""));
                }
                Duration sleep = min(backoff, Duration.between(now, deadline));
                log.accept("database not reachable yet (attempt " + attempt + "): " + e.getMessage()
                        + "; retrying in " + sleep.toMillis() + " ms");
                sleepFor(sleep);
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            } catch (RuntimeException e) {
                driver.close();
                throw e;
            }
        }
    }

    /** One round trip: proves the credentials, the database's existence, and learns the server's version. */
    static ServerInfo probe(Driver driver, String database) {
        try (Session session = driver.session(SessionConfig.forDatabase(database))) {
            List<Record> rows = session.run("CALL dbms.components() YIELD name, versions, edition "
                    + "RETURN name, versions[0] AS version, edition").list();
            Record kernel = rows.stream().filter(r -> "Neo4j Kernel".equals(r.get("name").asString()))
                    .findFirst().orElse(rows.get(0));
            return new ServerInfo(kernel.get("version").asString(), kernel.get("edition").asString());
        } catch (SecurityException e) {
            throw new ConnectionException(ConnectionException.Kind.AUTHENTICATION,
                    "authentication failed: " + firstLine(e));
        } catch (ServiceUnavailableException | SessionExpiredException | TransientException e) {
            throw new ConnectionException(ConnectionException.Kind.UNREACHABLE, "cannot reach the database: "
                    + firstLine(e));
        } catch (FatalDiscoveryException e) {
            throw new ConnectionException(ConnectionException.Kind.UNAVAILABLE,
                    "database '" + database + "' is not available: " + firstLine(e));
        } catch (ClientException e) {
            if (e.code() != null && e.code().contains("Security")) {
                throw new ConnectionException(ConnectionException.Kind.AUTHENTICATION,
                        "not authorised: " + firstLine(e));
            }
            throw new ConnectionException(ConnectionException.Kind.UNAVAILABLE, "database '" + database
                    + "' refused the first query: " + firstLine(e));
        } catch (Neo4jException e) {
            throw new ConnectionException(ConnectionException.Kind.UNREACHABLE, "cannot use the database: "
                    + firstLine(e));
        }
    }

    private static Config driverConfig(Duration connectTimeout) {
        return Config.builder()
                .withLogging(Logging.none())
                .withConnectionTimeout(Math.max(1, connectTimeout.toMillis()), TimeUnit.MILLISECONDS)
                .withConnectionAcquisitionTimeout(60, TimeUnit.SECONDS)
                .withTelemetryDisabled(true)
                .withUserAgent("statestore")
                .build();
    }

    private Duration connectTimeout(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return min(Duration.ofSeconds(5), left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleepFor(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException(ConnectionException.Kind.UNREACHABLE, "interrupted while waiting for the database");
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m).strip();
    }
}
