package org.statestore.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.migrate.AppliedUnit;
import org.statestore.migrate.Targets;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnknownTargetException;
import org.statestore.migrate.UpOptions;
import org.statestore.migrate.UpResult;
import org.statestore.migrate.Version;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore migrate up}: applies pending units in version order. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Apply every pending unit in version order, recording each run in the database's history chain.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate up",
                "  NEO4J_URL=bolt://db:7687 NEO4J_USER=neo4j NEO4J_PASS=secret statestore migrate up --target 0.4.0",
                "  statestore migrate up --no-bundled --location ./units --output json"})
final class MigrateUpCommand implements Callable<Integer>, Reporting {

    /** An init container starts beside the database: wait for it by default. */
    static final java.time.Duration DEFAULT_WAIT_FOR_DB = java.time.Duration.ofSeconds(60);

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    UnitOptions units;

    @Mixin
    OutputOptions output;

    @Mixin
    LockOptions lock;

    @Option(names = "--target", paramLabel = "VERSION", description = "Stop after this version (e.g. 0.4.0, for an "
            + "alchemiscale v0.4.x to v0.6.x server; the bundled units default to the newest release line); 'latest' "
            + "is the newest unit. A version that names no local or recorded unit fails (exit 6), nothing applied.")
    String target;

    @Option(names = "--dry-run", description = "Print the plan and check every statement with the live server "
            + "(EXPLAIN); take no lock and write nothing. Exit 6 on the first invalid statement.")
    boolean dryRun;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Take a backup into DIR before applying "
            + "anything pending (under the lock) and name it in each applied unit's rollback note. "
            + "Env: STATESTORE_BACKUP_DIR.")
    java.nio.file.Path backupDir;

    @Option(names = "--strict", description = "Refuse units applied by a newer release (by default a warning).")
    boolean strict;

    @Option(names = "--out-of-order", description = "Apply pending units older than the newest applied one.")
    boolean outOfOrder;

    /** Whether a new implicit embedded store may be created ({@code database init} and {@code v03-to-v04}: no). */
    ConnectionOptions.ImplicitStore implicitStore = ConnectionOptions.ImplicitStore.ALLOWED;

    /** Whether a failed, unchanged unit is rerun ({@code database init}, as alchemiscale's init simply retries). */
    boolean retryFailed;

    /** Whether a bundled run's output names the alchemiscale releases it serves ({@code database init} does not). */
    boolean describeReleases = true;

    MigrateUpCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        checkTarget(target);
        StatestoreConfig config = units.applyTo(StatestoreConfig.builder(), console)
                .connection(connection.settings(console, DEFAULT_WAIT_FOR_DB, implicitStore))
                .lease(lock.settings())
                .stopSignal(console.stop())
                .log(console::log)
                .progress(console.progress())
                .build();
        UpOptions options = new UpOptions(strict, outOfOrder, retryFailed);
        try (Statestore store = Statestore.open(config)) {
            Optional<Version> targetVersion = resolveTarget(target, store.units());
            if (dryRun) {
                var printed = DryRunReport.print(console, output.json(), commandName() + " --dry-run",
                        store.dryRunUp(targetVersion, options), r -> describe((UpResult) r));
                if (!printed.getValue().isEmpty()) {
                    console.log(printed.getValue());
                }
                return printed.getKey().code();
            }
            Optional<java.nio.file.Path> backup = Optional.ofNullable(backupDir)
                    .or(() -> console.env("STATESTORE_BACKUP_DIR").map(java.nio.file.Path::of));
            UpResult result = backup.isPresent() ? store.migrateUp(targetVersion, options, backup.get())
                    : store.migrateUp(targetVersion, options);
            return report(result).code();
        }
    }

    /** Refuses a malformed {@code --target} (exit 2) before anything connects; {@code latest} waits for the units. */
    static void checkTarget(String text) {
        if (text != null && !Targets.isLatest(text)) {
            parseVersion(text);
        }
    }

    /**
     * The version {@code --target} names: {@code latest} is the newest of {@code units}. Whether a version names a
     * unit is the plan's to decide (a recorded version counts too).
     */
    static Optional<Version> resolveTarget(String text, List<Unit> units) {
        if (text == null) {
            return Optional.empty();
        }
        if (Targets.isLatest(text)) {
            return Optional.of(Targets.newest(units).orElseThrow(() -> new UnknownTargetException(
                    "--target " + Targets.LATEST + ": there is no unit to target")));
        }
        return Optional.of(parseVersion(text));
    }

    static Version parseVersion(String text) {
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--target: " + e.getMessage());
        }
    }

    private ExitCode report(UpResult result) {
        Map.Entry<ExitCode, String> outcome = describe(result);
        ExitCode code = outcome.getKey();
        String error = outcome.getValue().isEmpty() ? null : outcome.getValue();
        Optional<Version> current = result instanceof UpResult.Applied a ? a.current()
                : result instanceof UpResult.UpToDate u ? u.current() : Optional.empty();
        printReport(result, code, error, current);
        return code;
    }

    /** The exit code and error line (empty on success) of a result. */
    static Map.Entry<ExitCode, String> describe(UpResult result) {
        ExitCode code;
        String error = null;
        if (result instanceof UpResult.Applied || result instanceof UpResult.UpToDate) {
            code = ExitCode.OK;
        } else if (result instanceof UpResult.LockTimeout t) {
            code = ExitCode.LOCK_TIMEOUT;
            error = t.message();
        } else if (result instanceof UpResult.LeaseLost l) {
            code = ExitCode.LOCK_TIMEOUT;
            error = "lost the migration lock" + l.during().map(u -> " during unit " + u.version()).orElse("")
                    + " (this process was paused past the lock TTL and another process took over); stopped "
                    + "writing: rerun to continue";
        } else if (result instanceof UpResult.Interrupted i) {
            code = ExitCode.TERMINATED;
            error = "stopped by a signal" + i.during().map(u -> " during unit " + u.version() + " after "
                    + i.statementsDone() + " statements").orElse("") + "; state recorded, lock released, the next "
                    + "run resumes";
        } else if (result instanceof UpResult.BackupFailed b) {
            code = ExitCode.UNIT_FAILED;
            error = "the backup before applying failed, so nothing was applied: " + b.message();
        } else if (result instanceof UpResult.ValidationFailed v) {
            code = ExitCode.VALIDATION;
            error = summary(v.findings());
        } else if (result instanceof UpResult.UnitFailed f) {
            code = ExitCode.UNIT_FAILED;
            error = "unit " + f.failed().version() + " (" + f.failed().source() + ") failed"
                    + (f.error().statementIndex() > 0 ? " at statement " + f.error().statementIndex() : "")
                    + ": " + f.error().message() + " [" + f.error().code() + "]";
        } else {
            UpResult.Blocked b = (UpResult.Blocked) result;
            code = ExitCode.UNIT_FAILED;
            String last = b.blocker().recorded().flatMap(e -> e.error()).map(e -> " (last error: " + e.message() + ")")
                    .orElse("");
            error = "unit " + b.blocker().version() + " failed in an earlier run and is unchanged, so nothing was "
                    + "applied; ship a fixed unit (a changed checksum is retried), or mark it for retry with "
                    + "'migrate repair'" + last;
        }
        return Map.entry(code, error == null ? "" : error);
    }

    /** At most three findings on the one error line; 'migrate validate' prints every one. */
    static String summary(List<String> findings) {
        if (findings.size() <= 3) {
            return String.join("; ", findings);
        }
        return String.join("; ", findings.subList(0, 3)) + "; and " + (findings.size() - 3)
                + " more ('migrate validate' lists every one)";
    }

    private void printReport(UpResult result, ExitCode code, String error, Optional<Version> current) {
        if (output.json()) {
            Map<String, Object> doc = JsonOutput.envelope(commandName(), code, error);
            List<Map<String, Object>> applied = new ArrayList<>();
            for (AppliedUnit u : result.applied()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("version", u.version().text());
                m.put("description", u.description());
                m.put("type", u.type().name());
                m.put("checksum", u.checksum());
                m.put("transactionMode", u.mode().label());
                m.put("executionTimeMs", u.elapsed().toMillis());
                applied.add(m);
            }
            doc.put("applied", applied);
            doc.put("current", current.map(Version::text).orElse(null));
            if (servesAlchemiscale(code, current)) {
                doc.put("alchemiscale", ServedReleases.json(current.get()));
            }
            if (result instanceof UpResult.ValidationFailed v) {
                doc.put("findings", v.findings());
            }
            JsonOutput.print(console.out(), doc);
        } else {
            for (AppliedUnit u : result.applied()) {
                console.out().printf("applied %s %s (%s, %d ms)%n", u.version(), u.description(), u.mode().label(),
                        u.elapsed().toMillis());
            }
            if (code == ExitCode.OK) {
                String at = current.map(v -> "database is at version " + v).orElse("database has no applied unit");
                boolean followed = result instanceof UpResult.UpToDate u && u.tookLock();
                console.out().println(result.applied().isEmpty()
                        ? "nothing to do" + (followed ? " (another process applied the pending units)" : "") + ": " + at
                        : at);
                if (servesAlchemiscale(code, current)) {
                    console.out().println(ServedReleases.text(current.get(), target != null));
                }
            }
            console.out().flush();
        }
        if (error != null) {
            console.error(error);
        }
    }

    private boolean servesAlchemiscale(ExitCode code, Optional<Version> current) {
        return describeReleases && code == ExitCode.OK && current.isPresent() && !units.noBundled;
    }

    @Override
    public String commandName() {
        return "migrate up";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
