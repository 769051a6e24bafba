package org.statestore.cli;

import java.time.Duration;
import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;

import picocli.CommandLine.Mixin;

/**
 * A command that works on one open database: it owns the connection flags, opens the store, hands it to
 * {@link #report(Statestore)} and closes it. By default a command needs a named database or an existing local
 * store ({@link ConnectionOptions.ImplicitStore#EXISTING_ONLY}): an operator's forgotten {@code NEO4J_URL} must not
 * land in a new throwaway store.
 */
abstract class StoreCommand extends ReportingCommand {

    @Mixin
    ConnectionOptions connection;

    StoreCommand(Console console) {
        super(console);
    }

    /** What the command does with the open store, as a report. */
    abstract Report report(Statestore store);

    /** The facade's configuration; subclasses add what they need (units, the lease, progress). */
    StatestoreConfig.Builder config() {
        return StatestoreConfig.builder().bundledUnits(false)
                .connection(connection.settings(console, waitForDb(), implicitStore()))
                .log(console::log);
    }

    /** Whether the command may create the implicit embedded store: by default only use an existing one. */
    ConnectionOptions.ImplicitStore implicitStore() {
        return ConnectionOptions.ImplicitStore.EXISTING_ONLY;
    }

    /** How long an unreachable database is retried unless {@code --wait-for-db} says: not at all by default. */
    Duration waitForDb() {
        return Duration.ZERO;
    }

    @Override
    Report report() {
        Optional<Report> refused = refusal();
        if (refused.isPresent()) {
            return refused.get();
        }
        prepare();
        Optional<Report> done = beforeOpening();
        if (done.isPresent()) {
            return done.get();
        }
        StatestoreConfig config = config().build();
        try (Statestore store = Statestore.open(config)) {
            if (needsNeo4j5()) {
                // Before anything is read or printed, and naming the command rather than the facade method.
                store.server().requireNeo4j5(commandName());
            }
            return report(store);
        }
    }

    /**
     * Whether the command refuses a server below Neo4j 5.0 (exit 12) right after connecting: every command but the
     * identity ones, whose Cypher still runs on 4.4 for alchemiscale v0.3's operators.
     */
    boolean needsNeo4j5() {
        return true;
    }

    /** A report that ends the run before any flag is read further or anything connects; none by default. */
    Optional<Report> refusal() {
        return Optional.empty();
    }

    /**
     * A report made after {@link #prepare()} without opening the store: a run that needs none (an offline dump), or
     * a check of a file that refuses it before anything connects; none by default.
     */
    Optional<Report> beforeOpening() {
        return Optional.empty();
    }

    /** Checks made after the flags are read and before anything connects (usage errors); none by default. */
    void prepare() {
    }
}
