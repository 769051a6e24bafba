package org.statestore.upgrade.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.statestore.neo4j.internal.Neo4jAdmin;

/**
 * A Neo4j 4.4 store being brought to Neo4j 5: loaded from a dump into a store home, then its format
 * migrated with BTREE indexes turned into RANGE, all with Neo4j's own admin tool on the stopped store.
 */
final class LegacyStore {

    static final String DATABASE = "neo4j";
    private static final Pattern INTRODUCED = Pattern.compile("(?i)Store format introduced in:\\s*(\\S+)");
    private static final Pattern FORMAT = Pattern.compile("(?i)Store format version:\\s*(\\S+)");

    /** What {@code database info} said of the loaded store. */
    record Format(String version, String introducedIn) {
        boolean isNeo4j5OrLater() {
            try {
                return Integer.parseInt(introducedIn.split("\\.")[0]) >= 5;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private final Neo4jAdmin admin;

    LegacyStore(Path home) {
        this.admin = new Neo4jAdmin(home);
    }

    /** Loads {@code dump} (copied first: the admin tool wants a folder holding {@code neo4j.dump}). */
    void load(Path dump) {
        Path staging = null;
        try {
            staging = Files.createTempDirectory("statestore-upgrade-dump-");
            Files.copy(dump, staging.resolve(DATABASE + ".dump"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.createDirectories(admin.home());
            Neo4jAdmin.Run run = admin.run("database", "load", "--from-path=" + staging,
                    "--overwrite-destination=true", DATABASE);
            if (!run.ok()) {
                throw new UpgradeFailure(UpgradeFailure.Kind.BAD_INPUT, "load dump",
                        "Neo4j could not load " + dump + " (damaged or truncated?): " + run.errorLine());
            }
        } catch (IOException e) {
            throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "load dump", e.getMessage());
        } finally {
            Neo4jAdmin.deleteTree(staging);
        }
    }

    /** The loaded store's format, from {@code database info}. */
    Format format() {
        try {
            Neo4jAdmin.Run run = admin.run("database", "info", DATABASE);
            if (!run.ok()) {
                throw new UpgradeFailure(UpgradeFailure.Kind.BAD_INPUT, "inspect store", run.errorLine());
            }
            String text = run.out() + "\n" + run.err();
            return new Format(find(FORMAT, text).orElse("unknown"), find(INTRODUCED, text).orElse("unknown"));
        } catch (IOException e) {
            throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "inspect store", e.getMessage());
        }
    }

    /** Migrates the store format to Neo4j 5, turning BTREE indexes (and constraint-backing ones) into RANGE. */
    void migrateFormat() {
        try {
            Neo4jAdmin.Run run = admin.run("database", "migrate", "--force-btree-indexes-to-range", DATABASE);
            if (!run.ok()) {
                throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "migrate store format", run.errorLine());
            }
        } catch (IOException e) {
            throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "migrate store format", e.getMessage());
        }
    }

    /** Writes a Neo4j 5 dump of the (stopped) store to {@code file}, which must not exist. */
    void dumpTo(Path file) {
        Path staging = null;
        try {
            staging = Files.createTempDirectory(file.toAbsolutePath().getParent(), ".statestore-dump-");
            Neo4jAdmin.Run run = admin.run("database", "dump", DATABASE, "--to-path=" + staging);
            if (!run.ok()) {
                throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "write Neo4j 5 dump", run.errorLine());
            }
            Files.move(staging.resolve(DATABASE + ".dump"), file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UpgradeFailure(UpgradeFailure.Kind.STEP_FAILED, "write Neo4j 5 dump", e.getMessage());
        } finally {
            Neo4jAdmin.deleteTree(staging);
        }
    }

    private static Optional<String> find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
