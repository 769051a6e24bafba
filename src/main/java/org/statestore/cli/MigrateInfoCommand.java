package org.statestore.cli;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.statestore.InfoReport;
import org.statestore.Statestore;
import org.statestore.StatestoreConfig;
import org.statestore.history.HistoryEntry;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitFilter;
import org.statestore.migrate.UnitState;
import org.statestore.migrate.UnitStatus;
import org.statestore.migrate.Version;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore migrate info}: every known unit and where it stands, without writing anything. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show every known unit (local or recorded) with its state, time and checksum match; repeatable "
                + "units (version R) after the versioned ones; runs imported from neo4j-migrations show checksum "
                + "'imported' (never compared). Writes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore migrate info", "  statestore migrate info --output json | jq '.units[].state'"})
final class MigrateInfoCommand implements Callable<Integer>, Reporting {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

    private final Console console;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    UnitOptions units;

    @Mixin
    OutputOptions output;

    @Option(names = "--state", paramLabel = "STATE", split = ",",
            description = "Only units in these states (e.g. pending,failed): pending, running, success, failed, "
                    + "undone, baseline, ignored, future, missing, out-of-order, above-target, forgotten, skipped.")
    List<String> states = new ArrayList<>();

    @Option(names = "--target", paramLabel = "VERSION", description = "Show units beyond VERSION as above-target "
            + "('latest': the newest unit). A version that names no local or recorded unit fails (exit 6).")
    String target;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only units installed at or after TIME (2026-11-01 or 2026-11-01T12:00:00Z).")
    String since;

    MigrateInfoCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        StatestoreConfig config = units.applyTo(StatestoreConfig.builder(), console)
                .connection(connection.settings(console))
                .log(console::log)
                .build();
        UnitFilter filter = filter();
        MigrateUpCommand.checkTarget(target);
        InfoReport report;
        try (Statestore store = Statestore.open(config)) {
            report = store.info(MigrateUpCommand.resolveTarget(target, store.units()));
        }
        report = report.only(filter);
        if (output.json()) {
            JsonOutput.print(console.out(), json(report));
        } else {
            printTable(report);
        }
        return ExitCode.OK.code();
    }

    private UnitFilter filter() {
        Set<UnitState> wanted = EnumSet.noneOf(UnitState.class);
        for (String s : states) {
            String label = s.strip().toLowerCase(Locale.ROOT);
            wanted.add(Arrays.stream(UnitState.values()).filter(u -> u.label().equals(label)).findFirst()
                    .orElseThrow(() -> new UsageException("--state: unknown state '" + s + "'")));
        }
        return new UnitFilter(wanted, Optional.ofNullable(since).map(MigrateInfoCommand::instant));
    }

    private static java.time.Instant instant(String text) {
        try {
            return text.length() == 10 ? java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--since: '" + text + "' is not a date (2026-11-01) or a time (2026-11-01T12:00:00Z)");
        }
    }

    private String stateText(InfoReport report, UnitStatus s) {
        if (s.state() == UnitState.RUNNING && report.lease().isPresent()) {
            return "running (" + report.lease().get().holder() + ")";
        }
        return s.state().label();
    }

    private Map<String, Object> json(InfoReport report) {
        Map<String, Object> doc = JsonOutput.envelope(commandName(), ExitCode.OK, null);
        doc.put("target", report.target());
        doc.put("database", report.database());
        doc.put("serverVersion", report.serverVersion());
        doc.put("current", report.current().map(Version::text).orElse(null));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (UnitStatus s : report.units()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", s.version().text());
            m.put("description", s.description());
            m.put("type", s.type());
            m.put("state", s.state().label());
            m.put("checksum", s.local().map(Unit::checksum).orElse(null));
            m.put("recordedChecksum", s.recorded().map(HistoryEntry::checksum).orElse(null));
            m.put("checksumMatches", s.checksumMatches().orElse(null));
            m.put("importedFrom", s.recorded().flatMap(HistoryEntry::importedFrom).orElse(null));
            m.put("source", s.local().map(Unit::source).orElseGet(() -> s.recorded().map(HistoryEntry::source).orElse(null)));
            m.put("installedOn", s.recorded().map(e -> e.installedOn().toInstant().toString()).orElse(null));
            m.put("installedBy", s.recorded().map(HistoryEntry::installedBy).orElse(null));
            m.put("executionTimeMs", s.recorded().flatMap(HistoryEntry::executionTime).map(d -> d.toMillis()).orElse(null));
            m.put("transactionMode", s.recorded().map(HistoryEntry::transactionMode).orElse(null));
            m.put("rollbackKind", s.recorded().map(e -> e.rollback().kind())
                    .orElseGet(() -> s.local().map(u -> u.rollback().recorded().kind()).orElse(null)));
            m.put("rollbackNote", s.recorded().map(HistoryEntry::rollbackNote).orElse(null));
            m.put("runningHolder", s.state() == UnitState.RUNNING
                    ? report.lease().map(l -> l.holder().toString()).orElse(null) : null);
            m.put("error", s.recorded().flatMap(HistoryEntry::error).map(e -> e.message()).orElse(null));
            rows.add(m);
        }
        doc.put("units", rows);
        return doc;
    }

    private void printTable(InfoReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VERSION", "DESCRIPTION", "TYPE", "STATE", "INSTALLED ON", "TIME", "CHECKSUM", "ROLLBACK"});
        for (UnitStatus s : report.units()) {
            rows.add(new String[] {
                s.version().text(),
                s.description(),
                s.type(),
                stateText(report, s),
                s.recorded().map(e -> WHEN.format(e.installedOn().withZoneSameInstant(java.time.ZoneOffset.UTC)))
                        .orElse("-"),
                s.recorded().flatMap(HistoryEntry::executionTime).map(d -> d.toMillis() + " ms").orElse("-"),
                s.recorded().filter(HistoryEntry::imported).isPresent() ? "imported"
                        : s.checksumMatches().map(ok -> ok ? "ok" : s.repeatable() ? "changed" : "CHANGED").orElse("-"),
                s.recorded().map(e -> e.rollback().kind())
                        .orElseGet(() -> s.local().map(u -> u.rollback().recorded().kind()).orElse("-")),
            });
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", r[i]));
                if (i < r.length - 1) {
                    line.append("  ");
                }
            }
            console.out().println(line.toString().stripTrailing());
        }
        console.out().println(report.current().map(v -> "database is at version " + v)
                .orElse("database has no applied unit"));
        console.out().flush();
    }

    @Override
    public String commandName() {
        return "migrate info";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
