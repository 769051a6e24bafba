package org.statestore.history.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.statestore.history.EntryError;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.MalformedChainException;

/** Reads and writes the history chain of one database. */
public final class HistoryChain {

    public static final String ROOT_LABEL = "__StatestoreHistory";
    public static final String ENTRY_LABEL = "__StatestoreEntry";

    // Every root and entry, one row per outgoing NEXT or HEAD link, never a variable-length match: the cost
    // is linear in the nodes and links whatever someone wrote, and ChainWalk checks the shape in Java. One
    // scan and one expand also plan in a fraction of the time pattern comprehensions in a UNION take, which
    // counts on a server's first run (an embedded target's every run).
    private static final String READ = """
            MATCH (n) WHERE n:__StatestoreHistory OR n:__StatestoreEntry
            OPTIONAL MATCH (n)-[l:NEXT|HEAD]->(m)
            RETURN n:__StatestoreHistory AS root, n:__StatestoreEntry AS entry, elementId(n) AS id,
                   properties(n) AS props, COUNT { ()-[:NEXT]->(n) } AS prevs, type(l) AS link, elementId(m) AS to""";

    /** At most this many reads while the chain keeps changing under a malformed read (see {@link #read()}). */
    private static final int READ_ATTEMPTS = 10;
    /** The pause before the n-th reread is n times this: a genuine defect costs one pause, a busy writer a few. */
    private static final long REREAD_PAUSE_MS = 20;

    // Creates the root when there is none (writes are under the lease, so no two processes race here).
    private static final String ROOT_IF_MISSING = """
            CALL {
                OPTIONAL MATCH (x:__StatestoreHistory)
                WITH count(x) AS roots WHERE roots = 0
                CREATE (:__StatestoreHistory {created_on: datetime.realtime(), last_seq: 0})
            }
            """;

    // The root if missing, then the entry. Setting last_seq first takes the root's write lock, so
    // concurrent appends queue up. An entry written when its run ends is dated back to the run's start.
    private static final String APPEND = ROOT_IF_MISSING + """
            MATCH (r:__StatestoreHistory)
            WITH r ORDER BY r.created_on LIMIT 1
            SET r.last_seq = coalesce(r.last_seq, 0) + 1
            WITH r
            OPTIONAL MATCH (r)-[h:HEAD]->(tail:__StatestoreEntry)
            WITH r, h, coalesce(tail, r) AS prev
            CREATE (prev)-[:NEXT]->(e:__StatestoreEntry)
            SET e = $props, e.seq = r.last_seq,
                e.installed_on = datetime.realtime() - duration({milliseconds: $agoMs}), e.state = $state
            DELETE h
            CREATE (r)-[:HEAD]->(e)
            RETURN elementId(e) AS id, e AS entry""";

    // As APPEND, for several entries in one round trip (a group's): they follow the chain's head in list order.
    private static final String APPEND_ALL = ROOT_IF_MISSING + """
            MATCH (r:__StatestoreHistory)
            WITH r ORDER BY r.created_on LIMIT 1
            SET r.last_seq = coalesce(r.last_seq, 0) + size($entries)
            WITH r, r.last_seq - size($entries) AS base
            OPTIONAL MATCH (r)-[h:HEAD]->(tail:__StatestoreEntry)
            WITH r, base, h, coalesce(tail, r) AS prev
            DELETE h
            WITH r, base, prev
            UNWIND range(0, size($entries) - 1) AS i
            CREATE (e:__StatestoreEntry)
            SET e = $entries[i].props, e.seq = base + i + 1,
                e.installed_on = datetime.realtime() - duration({milliseconds: $entries[i].agoMs}),
                e.state = $entries[i].state
            WITH r, prev, i, e ORDER BY i
            WITH r, prev, collect(e) AS es
            FOREACH (i IN range(0, size(es) - 1) |
                FOREACH (a IN CASE WHEN i = 0 THEN [prev] ELSE [es[i - 1]] END |
                    FOREACH (b IN [es[i]] | CREATE (a)-[:NEXT]->(b))))
            FOREACH (last IN [es[size(es) - 1]] | CREATE (r)-[:HEAD]->(last))
            WITH es
            UNWIND range(0, size(es) - 1) AS i
            RETURN elementId(es[i]) AS id, es[i] AS entry ORDER BY i""";

    private static final String FINISH = """
            MATCH (e:__StatestoreEntry) WHERE elementId(e) = $id
            SET e.state = $state, e.execution_time_ms = $ms, e.statements_done = $done,
                e.error_code = $code, e.error_message = $message, e.failed_statement = $failed
            RETURN elementId(e) AS id, e AS entry""";

    private static final String PROGRESS = """
            MATCH (e:__StatestoreEntry) WHERE elementId(e) = $id
            SET e.statements_done = $done, e.prefix_checksum = $prefix
            RETURN elementId(e) AS id""";

    private static final String RESUME = """
            MATCH (e:__StatestoreEntry) WHERE elementId(e) = $id
            SET e.resumed_on = datetime.realtime(), e.resumed_by = $by, e.checksum = $checksum,
                e.resume_count = coalesce(e.resume_count, 0) + 1
            RETURN elementId(e) AS id, e AS entry""";

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final Fence fence;

    public HistoryChain(Driver driver, SessionConfig sessionConfig) {
        this(driver, sessionConfig, Fence.NONE);
    }

    /** A chain whose every write first passes {@code fence} in the same transaction. */
    public HistoryChain(Driver driver, SessionConfig sessionConfig, Fence fence) {
        this.driver = driver;
        this.sessionConfig = sessionConfig;
        this.fence = fence;
    }

    /** The same chain, guarded by {@code other}. */
    public HistoryChain fencedBy(Fence other) {
        return new HistoryChain(driver, sessionConfig, other);
    }

    /**
     * Every entry, oldest first, in one query. Empty when the database has no chain.
     *
     * <p>A read runs at read committed, so one that overlaps another process's append can see half of it
     * (the root's new last_seq but not the new entry, a NEXT to an entry the scan missed). A defect therefore
     * counts only once two reads in a row return exactly the same nodes; a read that changed in between is
     * taken again, at most {@value #READ_ATTEMPTS} times. A well-formed chain costs exactly one read.
     *
     * @throws MalformedChainException when the chain is not the one path statestore writes
     */
    public List<HistoryEntry> read() {
        Set<ChainNode> previous = Set.of();
        for (int attempt = 1; ; attempt++) {
            List<ChainNode> nodes = readNodes();
            try {
                return ChainWalk.walk(nodes);
            } catch (MalformedChainException e) {
                Set<ChainNode> now = Set.copyOf(nodes);
                if (attempt == READ_ATTEMPTS || now.equals(previous)) {
                    throw e;
                }
                previous = now;
                try {
                    Thread.sleep(REREAD_PAUSE_MS * attempt);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private List<ChainNode> readNodes() {
        try (Session session = driver.session(sessionConfig)) {
            return nodes(session.executeRead(tx -> tx.run(READ).list()));
        }
    }

    /** The read's rows, one per node and outgoing link, folded into one {@link ChainNode} per node and label. */
    private static List<ChainNode> nodes(List<org.neo4j.driver.Record> rows) {
        Map<String, List<org.neo4j.driver.Record>> byNode = new LinkedHashMap<>();
        for (var r : rows) {
            byNode.computeIfAbsent(r.get("id").asString(), k -> new ArrayList<>()).add(r);
        }
        List<ChainNode> nodes = new ArrayList<>(byNode.size());
        for (var links : byNode.values()) {
            var first = links.get(0);
            Optional<String> next = Optional.empty();
            Optional<String> head = Optional.empty();
            long nexts = 0;
            long heads = 0;
            for (var l : links) {
                String type = l.get("link").isNull() ? "" : l.get("link").asString();
                if (type.equals("NEXT")) {
                    nexts++;
                    next = next.or(() -> Optional.of(l.get("to").asString()));
                } else if (type.equals("HEAD")) {
                    heads++;
                    head = head.or(() -> Optional.of(l.get("to").asString()));
                }
            }
            String id = first.get("id").asString();
            Map<String, Object> props = first.get("props").asMap();
            long prevs = first.get("prevs").asLong();
            // A node with both labels becomes a root and an entry, which the walk reports.
            if (first.get("root").asBoolean()) {
                nodes.add(ChainNode.root(id, props, next, nexts, prevs, head, heads));
            }
            if (first.get("entry").asBoolean()) {
                nodes.add(ChainNode.entry(id, props, next, nexts, prevs));
            }
        }
        return nodes;
    }

    /**
     * Appends an entry in state {@code running} before the unit's work starts: for units that commit piece by
     * piece, whose progress the entry then records.
     */
    public HistoryEntry begin(NewEntry entry) {
        return append(entry, EntryState.RUNNING);
    }

    /**
     * Appends the entry of a run that has ended, inside the caller's transaction: a single-transaction unit's
     * statements, this record and the fence commit together, and nothing is written before. The fence comes
     * with the record, after the work, so the lease is locked only for the moment before commit.
     */
    public HistoryEntry record(TransactionContext tx, NewEntry entry, FinishedRun run) {
        Map<String, Object> props = properties(entry);
        runProperties(props, run);
        var r = guarded(tx, APPEND, Map.of("props", props, "state", run.state().label(),
                "agoMs", run.begunAgo().toMillis()), "the history root");
        return toEntry(r.get("id").asString(), r.get("entry"));
    }

    /** One entry of {@link #appendAll}: how its run ended, or that it was skipped or is a baseline. */
    public record Append(NewEntry entry, EntryState state, Optional<FinishedRun> run) {

        public Append {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(run, "run");
        }

        /** A run that ended ({@code success} or {@code failed}). */
        public static Append finished(NewEntry entry, FinishedRun run) {
            return new Append(entry, run.state(), Optional.of(run));
        }

        /** A unit skipped by its precondition. */
        public static Append skipped(NewEntry entry) {
            return new Append(entry, EntryState.SKIPPED, Optional.empty());
        }

        /** A detected baseline. */
        public static Append baseline(NewEntry entry) {
            return new Append(entry, EntryState.BASELINE, Optional.empty());
        }
    }

    /**
     * Appends {@code entries} in this order inside the caller's transaction, behind the fence, in one round trip
     * (a group's entries: one query for all of them rather than one each). Returns them as written.
     */
    public List<HistoryEntry> appendAll(TransactionContext tx, List<Append> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> rows = new ArrayList<>(entries.size());
        for (Append a : entries) {
            Map<String, Object> props = properties(a.entry());
            long agoMs = 0;
            if (a.run().isPresent()) {
                FinishedRun run = a.run().get();
                runProperties(props, run);
                agoMs = run.begunAgo().toMillis();
            }
            rows.add(Map.of("props", props, "state", a.state().label(), "agoMs", agoMs));
        }
        Map<String, Object> all = new HashMap<>(fence.parameters());
        all.put("entries", rows);
        List<org.neo4j.driver.Record> written = tx.run(fence.clause() + APPEND_ALL, all).list();
        if (written.size() != entries.size()) {
            fence.check(tx);
            throw new IllegalStateException("the history root not found");
        }
        return written.stream().map(r -> toEntry(r.get("id").asString(), r.get("entry"))).toList();
    }

    /** As {@link #record(TransactionContext, NewEntry, FinishedRun)}, in its own transaction (a failed run). */
    public HistoryEntry record(NewEntry entry, FinishedRun run) {
        try (Session session = driver.session(sessionConfig)) {
            return session.executeWrite(tx -> record(tx, entry, run));
        }
    }

    /**
     * Takes over the interrupted ({@code running}) entry {@code id} and records how the resumed run ended, inside
     * the caller's transaction: a single-transaction unit recorded {@code running} by an earlier release.
     */
    public HistoryEntry resumeFinished(TransactionContext tx, String id, String installedBy, String checksum,
                                       FinishedRun run) {
        guarded(tx, RESUME, Map.of("id", id, "by", installedBy, "checksum", checksum), "history entry " + id);
        return finish(tx, id, run.state(), run.elapsed(), run.statementsDone(), run.error().orElse(null));
    }

    /** As {@link #resumeFinished(TransactionContext, String, String, String, FinishedRun)}, in its own transaction. */
    public HistoryEntry resumeFinished(String id, String installedBy, String checksum, FinishedRun run) {
        try (Session session = driver.session(sessionConfig)) {
            return session.executeWrite(tx -> resumeFinished(tx, id, installedBy, checksum, run));
        }
    }

    /** Appends a {@code baseline} entry: the database already holds everything up to the entry's version. */
    public HistoryEntry recordBaseline(NewEntry entry) {
        return append(entry, EntryState.BASELINE);
    }

    /** The {@code type} of entries copied from another tool's history; their checksums are that tool's. */
    public static final String IMPORTED_TYPE = "IMPORTED";

    private static final String MARK_IMPORTED = """
            MATCH (e:__StatestoreEntry) WHERE elementId(e) = $id
            SET e.installed_on = $on, e.execution_time_ms = $ms, e.imported_from = $from,
                e.imported_on = datetime.realtime(), e.imported_type = $importedType
            RETURN elementId(e) AS id, e AS entry""";

    /**
     * Appends already-applied runs copied from another tool, all in one transaction together with
     * {@code alsoInTransaction} (e.g. removing the source), so an import is either complete or absent.
     * Each entry is {@code success}, of type {@link #IMPORTED_TYPE}, with the source tool's times.
     */
    public List<HistoryEntry> importEntries(List<ImportedRun> runs, String from,
                                            Consumer<TransactionContext> alsoInTransaction) {
        try (Session session = driver.session(sessionConfig)) {
            return session.executeWrite(tx -> {
                fence.check(tx);
                List<HistoryEntry> written = new ArrayList<>();
                for (ImportedRun run : runs) {
                    var r = tx.run(APPEND, Map.of("props", properties(run.entry()), "state",
                            EntryState.SUCCESS.label(), "agoMs", 0L)).single();
                    String id = r.get("id").asString();
                    Map<String, Object> p = new HashMap<>();
                    p.put("id", id);
                    p.put("on", run.installedOn());
                    p.put("ms", run.executionTime().toMillis());
                    p.put("from", from);
                    p.put("importedType", run.originalType());
                    var marked = tx.run(MARK_IMPORTED, p).single();
                    written.add(toEntry(marked.get("id").asString(), marked.get("entry")));
                }
                alsoInTransaction.accept(tx);
                return List.copyOf(written);
            });
        }
    }

    /** Appends a {@code skipped} entry: the unit's {@code // skip-unless:} precondition was not met. */
    public HistoryEntry recordSkipped(NewEntry entry) {
        return append(entry, EntryState.SKIPPED);
    }

    /** Creates the root when the database has none. Appends create it themselves; this is for an empty chain. */
    public void ensureRoot() {
        try (Session session = driver.session(sessionConfig)) {
            session.executeWriteWithoutResult(tx -> guarded(tx, ROOT_IF_MISSING + "RETURN 1 AS done", Map.of(),
                    "the history root"));
        }
    }

    private HistoryEntry append(NewEntry entry, EntryState state) {
        try (Session session = driver.session(sessionConfig)) {
            return session.executeWrite(tx -> append(tx, entry, state));
        }
    }

    private HistoryEntry append(TransactionContext tx, NewEntry entry, EntryState state) {
        // One round trip: the fence, the root if missing, and the new entry.
        var r = guarded(tx, APPEND, Map.of("props", properties(entry), "state", state.label(), "agoMs", 0L),
                "the history root");
        return toEntry(r.get("id").asString(), r.get("entry"));
    }

    /**
     * Records progress of a unit that commits piecewise: how many statements have completed, and the
     * checksum of that prefix, so a resumed run can tell the completed part is unchanged.
     */
    public void progress(String id, int statementsDone, String prefixChecksum) {
        try (Session session = driver.session(sessionConfig)) {
            session.executeWriteWithoutResult(tx -> guarded(tx, PROGRESS,
                    Map.of("id", id, "done", statementsDone, "prefix", prefixChecksum), "history entry " + id));
        }
    }

    /** Takes over an interrupted ({@code running}) entry for a resumed run by {@code installedBy}. */
    public HistoryEntry resume(String id, String installedBy, String checksum) {
        try (Session session = driver.session(sessionConfig)) {
            return session.executeWrite(tx -> {
                var r = guarded(tx, RESUME, Map.of("id", id, "by", installedBy, "checksum", checksum), "history entry " + id);
                return toEntry(r.get("id").asString(), r.get("entry"));
            });
        }
    }

    /** Marks the {@code running} entry of a piecewise unit successful, in its own transaction. */
    public HistoryEntry succeed(String id, Duration elapsed, int statementsDone) {
        try (Session session = driver.session(sessionConfig)) {
            return session.executeWrite(tx -> finish(tx, id, EntryState.SUCCESS, elapsed, statementsDone, null));
        }
    }

    /** Marks the entry failed, with the error, in its own transaction. */
    public HistoryEntry fail(String id, Duration elapsed, int statementsDone, EntryError error) {
        try (Session session = driver.session(sessionConfig)) {
            return session.executeWrite(tx -> finish(tx, id, EntryState.FAILED, elapsed, statementsDone, error));
        }
    }

    /** Marks an applied entry undone (kept in the chain): who rolled it back, when, and how long it took. */
    public HistoryEntry markUndone(String id, String by, Duration elapsed) {
        return update(id, "SET e.state = 'undone', e.undone_on = datetime.realtime(), e.undone_by = $by, "
                + "e.undo_time_ms = $ms", Map.of("by", by, "ms", elapsed.toMillis()));
    }

    /** Marks a failed entry for retry: the next {@code up} runs the unit again even though it is unchanged. */
    public HistoryEntry requestRetry(String id, String by) {
        return update(id, "SET e.retry_requested = true, e.repaired_on = datetime.realtime(), e.repaired_by = $by",
                Map.of("by", by));
    }

    /** Records {@code checksum} as the entry's checksum, keeping the old one in {@code previous_checksums}. */
    public HistoryEntry acceptChecksum(String id, String checksum, String by) {
        return update(id, "SET e.previous_checksums = coalesce(e.previous_checksums, []) + e.checksum, "
                + "e.checksum = $checksum, e.repaired_on = datetime.realtime(), e.repaired_by = $by",
                Map.of("checksum", checksum, "by", by));
    }

    /** Retires the entry of a deliberately deleted unit; it stays in the chain as {@code forgotten}. */
    public HistoryEntry forget(String id, String by) {
        return update(id, "SET e.state_before_forget = e.state, e.state = 'forgotten', "
                + "e.repaired_on = datetime.realtime(), e.repaired_by = $by", Map.of("by", by));
    }

    /** Names the backup taken before a run in the entry's rollback note. */
    public HistoryEntry recordBackup(String id, String backup) {
        return update(id, "SET e.rollback_backup = $backup", Map.of("backup", backup));
    }

    // The SET clauses are fixed strings of this class; every value is a parameter.
    private HistoryEntry update(String id, String set, Map<String, Object> params) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("id", id);
        try (Session session = driver.session(sessionConfig)) {
            return session.executeWrite(tx -> {
                var r = guarded(tx, "MATCH (e:__StatestoreEntry) WHERE elementId(e) = $id " + set
                        + " RETURN elementId(e) AS id, e AS entry", p, "history entry " + id);
                return toEntry(r.get("id").asString(), r.get("entry"));
            });
        }
    }

    /**
     * Runs {@code query} behind the fence's clause in one round trip and returns its one row. No row means
     * the fence was lost, or (checked only then) that {@code what} does not exist.
     */
    private org.neo4j.driver.Record guarded(TransactionContext tx, String query, Map<String, Object> params,
                                            String what) {
        Map<String, Object> all = new HashMap<>(params);
        all.putAll(fence.parameters());
        List<org.neo4j.driver.Record> rows = tx.run(fence.clause() + query, all).list();
        if (rows.isEmpty()) {
            fence.check(tx);
            throw new IllegalStateException(what + " not found");
        }
        return rows.get(0);
    }

    private HistoryEntry finish(TransactionContext tx, String id, EntryState state, Duration elapsed,
                                int statementsDone, EntryError error) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("state", state.label());
        p.put("ms", elapsed.toMillis());
        p.put("done", statementsDone);
        p.put("code", error == null ? null : error.code());
        p.put("message", error == null ? null : error.message());
        p.put("failed", error == null ? null : error.statementIndex());
        var r = guarded(tx, FINISH, p, "history entry " + id);
        return toEntry(r.get("id").asString(), r.get("entry"));
    }

    private static void runProperties(Map<String, Object> props, FinishedRun run) {
        props.put("execution_time_ms", run.elapsed().toMillis());
        props.put("statements_done", run.statementsDone());
        run.error().ifPresent(e -> {
            props.put("error_code", e.code());
            props.put("error_message", e.message());
            props.put("failed_statement", e.statementIndex());
        });
    }

    private static Map<String, Object> properties(NewEntry e) {
        Map<String, Object> p = new HashMap<>();
        p.put("version", e.version());
        p.put("description", e.description());
        p.put("type", e.type());
        p.put("checksum", e.checksum());
        p.put("source", e.source());
        p.put("installed_by", e.installedBy());
        p.put("rollback_kind", e.rollback().kind());
        p.put("rollback_note", e.rollback().note());
        p.put("rollback_statements", e.rollback().statements());
        p.put("rollback_checksum", e.rollback().checksum());
        p.put("rollback_source", e.rollback().source());
        p.put("rollback_backup", e.rollback().backup());
        p.put("transaction_mode", e.transactionMode());
        p.put("statements_done", 0);
        return p;
    }

    // Entries statestore has just written; checked like read ones, so a property a forger changed in the
    // meantime is a malformed chain too, not a coercion error.
    private static HistoryEntry toEntry(String id, Value node) {
        return EntryProperties.toEntry(id, node.asMap());
    }
}
