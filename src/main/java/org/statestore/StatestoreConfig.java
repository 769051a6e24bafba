package org.statestore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.statestore.lock.Holder;
import org.statestore.lock.LeaseSettings;
import org.statestore.migrate.JavaMigration;
import org.statestore.migrate.Location;
import org.statestore.migrate.Placeholders;
import org.statestore.migrate.StopSignal;
import org.statestore.neo4j.ConnectionSettings;
import org.statestore.progress.ProgressSink;

/**
 * Everything a {@link Statestore} needs: where the database is, where units come from, who is
 * recorded as installing them, and where progress lines go. Build one with {@link #builder()}.
 */
public record StatestoreConfig(ConnectionSettings connection, List<Location> locations, List<JavaMigration> javaUnits,
                               ClassLoader classLoader, String installedBy, Consumer<String> log, LeaseSettings lease,
                               StopSignal stopSignal, Placeholders placeholders, ProgressSink progress) {

    /** A configuration whose counted progress goes nowhere. */
    public StatestoreConfig(ConnectionSettings connection, List<Location> locations, List<JavaMigration> javaUnits,
                            ClassLoader classLoader, String installedBy, Consumer<String> log, LeaseSettings lease,
                            StopSignal stopSignal, Placeholders placeholders) {
        this(connection, locations, javaUnits, classLoader, installedBy, log, lease, stopSignal, placeholders,
                ProgressSink.NONE);
    }

    public StatestoreConfig {
        Objects.requireNonNull(connection, "connection");
        locations = List.copyOf(locations);
        javaUnits = List.copyOf(javaUnits);
        Objects.requireNonNull(classLoader, "classLoader");
        Objects.requireNonNull(installedBy, "installedBy");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(stopSignal, "stopSignal");
        Objects.requireNonNull(placeholders, "placeholders");
        Objects.requireNonNull(progress, "progress");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link StatestoreConfig}; by default the embedded store in {@code ./statestore-data} and the bundled units. */
    public static final class Builder {

        private ConnectionSettings connection = ConnectionSettings.embedded(ConnectionSettings.DEFAULT_DATA_DIR);
        private boolean bundled = true;
        private final List<Path> directories = new ArrayList<>();
        private final List<JavaMigration> javaUnits = new ArrayList<>();
        private ClassLoader classLoader = StatestoreConfig.class.getClassLoader();
        private String installedBy = defaultInstaller();
        private Consumer<String> log = line -> { };
        private LeaseSettings lease = LeaseSettings.DEFAULTS;
        private StopSignal stopSignal = new StopSignal();
        private final Map<String, String> placeholderValues = new TreeMap<>();
        private Map<String, String> placeholderEnv = Map.of();
        private ProgressSink progress = ProgressSink.NONE;

        private Builder() {
        }

        public Builder connection(ConnectionSettings connection) {
            this.connection = connection;
            return this;
        }

        /** Whether the units shipped on the class path take part (default yes). */
        public Builder bundledUnits(boolean include) {
            this.bundled = include;
            return this;
        }

        /** Adds a directory of {@code V<version>__<Description>.cypher} files. */
        public Builder location(Path directory) {
            directories.add(directory);
            return this;
        }

        /** Adds a Java unit instance directly (for applications that do not use ServiceLoader). */
        public Builder javaUnit(JavaMigration unit) {
            javaUnits.add(unit);
            return this;
        }

        /** The loader bundled units and ServiceLoader-registered Java units are found with. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        public Builder installedBy(String who) {
            this.installedBy = who;
            return this;
        }

        /** Where log lines go (a line starting {@code warning: } is a warning); default nowhere. */
        public Builder log(Consumer<String> log) {
            this.log = log;
            return this;
        }

        /** Where long tasks (batched units, backups) report their counts; default nowhere. */
        public Builder progress(ProgressSink progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Lease TTL, heartbeat and how long to wait for another process's lease. */
        public Builder lease(LeaseSettings settings) {
            this.lease = settings;
            return this;
        }

        /** A signal the caller sets to stop a run at its next safe point (the CLI sets it on SIGTERM/SIGINT). */
        public Builder stopSignal(StopSignal signal) {
            this.stopSignal = signal;
            return this;
        }

        /** A value for {@code ${name}} in Cypher units; explicit values win over the environment's. */
        public Builder placeholder(String name, String value) {
            placeholderValues.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Takes placeholder values from {@code env} entries named {@code STATESTORE_PLACEHOLDER_<NAME>}
         * (e.g. {@code System.getenv()}); off by default, so an application decides what it exposes.
         */
        public Builder placeholdersFromEnvironment(Map<String, String> env) {
            this.placeholderEnv = Map.copyOf(env);
            return this;
        }

        public StatestoreConfig build() {
            List<Location> locations = new ArrayList<>();
            if (bundled) {
                locations.add(Location.bundled());
            }
            directories.forEach(d -> locations.add(Location.directory(d)));
            return new StatestoreConfig(connection, locations, javaUnits, classLoader, installedBy, log, lease, stopSignal,
                    Placeholders.of(placeholderEnv, placeholderValues), progress);
        }
    }

    private static String defaultInstaller() {
        return System.getProperty("user.name", "unknown") + "@" + Holder.hostName();
    }
}
