package org.statestore.cli;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.statestore.InfoReport;
import org.statestore.history.EntryError;
import org.statestore.history.HistoryEntry;
import org.statestore.migrate.Readiness;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitState;
import org.statestore.migrate.UnitStatus;
import org.statestore.migrate.Version;

/** {@code migrate info} and {@code migrate status} as reports: pure functions of the store's {@link InfoReport}. */
final class InfoReports {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

    private static final List<String> HEADINGS = List.of("VERSION", "DESCRIPTION", "TYPE", "STATE", "INSTALLED ON",
            "TIME", "CHECKSUM", "ROLLBACK");

    private InfoReports() {
    }

    /** {@code migrate info}: the table and the version reached; JSON has every unit's details. */
    static Report info(InfoReport report) {
        return Report.ok().field("target", report.target()).field("database", report.database())
                .field("serverVersion", report.serverVersion()).field("current", current(report))
                .field("units", report.units().stream().map(s -> unit(report, s)).toList())
                .lines(table(report))
                .line(report.current().map(v -> "database is at version " + v).orElse("database has no applied unit"))
                .build();
    }

    private static String current(InfoReport report) {
        return report.current().map(Version::text).orElse(null);
    }

    private static Map<String, Object> unit(InfoReport report, UnitStatus s) {
        Optional<HistoryEntry> recorded = s.recorded();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version().text());
        m.put("description", s.description());
        m.put("type", s.type());
        m.put("state", s.state().label());
        m.put("checksum", s.local().map(Unit::checksum).orElse(null));
        m.put("recordedChecksum", recorded.map(HistoryEntry::checksum).orElse(null));
        m.put("checksumMatches", s.checksumMatches().orElse(null));
        m.put("importedFrom", recorded.flatMap(HistoryEntry::importedFrom).orElse(null));
        m.put("source", s.local().map(Unit::source).or(() -> recorded.map(HistoryEntry::source)).orElse(null));
        m.put("installedOn", recorded.map(e -> e.installedOn().toInstant().toString()).orElse(null));
        m.put("installedBy", recorded.map(HistoryEntry::installedBy).orElse(null));
        m.put("executionTimeMs", executionTime(s).map(Duration::toMillis).orElse(null));
        m.put("transactionMode", recorded.map(HistoryEntry::transactionMode).orElse(null));
        m.put("rollbackKind", rollbackKind(s).orElse(null));
        m.put("rollbackNote", recorded.map(HistoryEntry::rollbackNote).orElse(null));
        m.put("runningHolder", runningHolder(report, s).orElse(null));
        m.put("error", recorded.flatMap(HistoryEntry::error).map(EntryError::message).orElse(null));
        return m;
    }

    private static Optional<Duration> executionTime(UnitStatus s) {
        return s.recorded().flatMap(HistoryEntry::executionTime);
    }

    /** The recorded run's rollback, else what the local unit would record. */
    private static Optional<String> rollbackKind(UnitStatus s) {
        return s.recorded().map(e -> e.rollback().kind()).or(() -> s.local().map(u -> u.rollback().recorded().kind()));
    }

    /** Who holds the lease, for a running unit: the lease is what tells a live run from one cut off. */
    private static Optional<String> runningHolder(InfoReport report, UnitStatus s) {
        return s.state() == UnitState.RUNNING ? report.lease().map(l -> l.holder().toString()) : Optional.empty();
    }

    /** The table's lines: a heading, then one row per unit, columns padded to their widest cell. */
    static List<String> table(InfoReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (UnitStatus s : report.units()) {
            rows.add(List.of(s.version().text(), s.description(), s.type(),
                    runningHolder(report, s).map(h -> "running (" + h + ")").orElse(s.state().label()),
                    s.recorded().map(e -> WHEN.format(e.installedOn().withZoneSameInstant(ZoneOffset.UTC))).orElse("-"),
                    executionTime(s).map(d -> d.toMillis() + " ms").orElse("-"), checksum(s),
                    rollbackKind(s).orElse("-")));
        }
        return TextTable.lines(rows);
    }

    /** Imported runs carry another tool's checksum, never compared; a changed repeatable unit is simply rerun. */
    private static String checksum(UnitStatus s) {
        if (s.recorded().filter(HistoryEntry::imported).isPresent()) {
            return "imported";
        }
        return s.checksumMatches().map(ok -> ok ? "ok" : s.repeatable() ? "changed" : "CHANGED").orElse("-");
    }

    /**
     * {@code migrate status}: one summary line; with {@code check} (a readiness gate) a pending or running unit
     * exits 8 and a failed one 7.
     */
    static Report status(InfoReport report, boolean check) {
        Readiness readiness = report.readiness();
        List<String> pending = texts(readiness.pending());
        List<String> running = texts(readiness.running());
        List<String> failed = texts(readiness.failed());
        Readiness.Verdict verdict = readiness.verdict();
        Report.Builder result;
        if (!check || verdict == Readiness.Verdict.READY) {
            result = Report.ok();
        } else if (verdict == Readiness.Verdict.FAILED) {
            result = Report.failed(ExitCode.UNIT_FAILED, "failed units: " + String.join(", ", failed));
        } else if (verdict == Readiness.Verdict.PENDING) {
            result = Report.failed(ExitCode.PENDING, DatabaseReports.count(pending.size() + running.size(), "unit")
                    + " not applied yet");
        } else {
            throw Unmapped.result(verdict);
        }
        String current = current(report);
        return result.field("current", current).field("pending", pending).field("running", running)
                .field("failed", failed).line((current == null ? "no version applied" : "at version " + current)
                        + part("pending", pending) + part("running", running) + part("failed", failed)).build();
    }

    private static String part(String name, List<String> versions) {
        return "; " + versions.size() + " " + name + (versions.isEmpty() ? "" : " (" + String.join(", ", versions) + ")");
    }

    private static List<String> texts(List<Version> versions) {
        return versions.stream().map(Version::text).toList();
    }
}
