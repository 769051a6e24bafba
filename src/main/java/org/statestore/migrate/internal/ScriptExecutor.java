package org.statestore.migrate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.statestore.cypher.Statement;
import org.statestore.migrate.TransactionMode;
import org.statestore.progress.ProgressSink;

/**
 * Runs a script's statements in the transaction mode the script needs, for applying and for undoing:
 * auto-commit statement by statement, schema and data groups in separate transactions, or everything
 * in one transaction.
 */
final class ScriptExecutor {

    private final Session session;
    private final Runnable checkStop;
    private final ProgressSink counts;
    private final String task;

    /** {@code checkStop} runs before every statement and throws to stop (an open transaction rolls back). */
    ScriptExecutor(Session session, Runnable checkStop) {
        this(session, checkStop, ProgressSink.NONE, "");
    }

    /** As above; a countable batched statement ({@link BatchedStatement}) reports its rows to {@code counts} as {@code task}. */
    ScriptExecutor(Session session, Runnable checkStop, ProgressSink counts, String task) {
        this.session = session;
        this.checkStop = checkStop;
        this.counts = counts;
        this.task = task;
    }

    /**
     * Runs {@code statements} from index {@code done} on. {@code committed} hears the number of completed
     * statements after each commit of a piecewise mode; in {@link TransactionMode#SINGLE} mode
     * {@code lastInTransaction} runs inside the one transaction, after the statements, so a record can
     * commit together with the work. Returns true when {@code lastInTransaction} ran.
     */
    boolean run(List<Statement> statements, TransactionMode mode, AtomicInteger done, IntConsumer committed,
                BiConsumer<TransactionContext, Integer> lastInTransaction) {
        switch (mode) {
            case AUTO_COMMIT -> {
                for (int i = done.get(); i < statements.size(); i++) {
                    checkStop.run();
                    runAutoCommit(statements.get(i));
                    done.set(i + 1);
                    committed.accept(done.get());
                }
                return false;
            }
            case SINGLE -> {
                int start = done.get();
                session.executeWriteWithoutResult(tx -> {
                    done.set(start);
                    runAll(tx, statements.subList(start, statements.size()), done);
                    lastInTransaction.accept(tx, done.get());
                });
                return true;
            }
            default -> {
                // Consecutive statements of one kind (schema or data) share a transaction.
                for (List<Statement> group : groups(statements.subList(done.get(), statements.size()))) {
                    int before = done.get();
                    session.executeWriteWithoutResult(tx -> {
                        done.set(before);
                        runAll(tx, group, done);
                    });
                    committed.accept(done.get());
                }
                return false;
            }
        }
    }

    private void runAutoCommit(Statement statement) {
        Optional<BatchedStatement> batched = counts == ProgressSink.NONE ? Optional.empty() : BatchedStatement.of(statement);
        if (batched.isEmpty()) {
            session.run(statement.text()).consume();
            return;
        }
        long rows = session.run(batched.get().countQuery()).single().get("rows").asLong();
        counts.start(task, rows);
        Result status = session.run(batched.get().reporting());
        long pending = 0;
        while (status.hasNext()) {
            Record r = status.next();
            if (!r.get(BatchedStatement.COMMITTED).asBoolean(false)) {
                // ON ERROR BREAK: this inner transaction failed (or never started), and nothing after it ran.
                status.consume();
                counts.done();
                String error = r.get(BatchedStatement.ERROR).asString("an inner transaction did not commit");
                throw new InnerTransactionFailed(error);
            }
            if (++pending == 1_000) {
                counts.advance(pending);
                pending = 0;
            }
        }
        counts.advance(pending);
        counts.done();
    }

    /** An inner transaction of a countable {@code CALL { } IN TRANSACTIONS} failed; the ones before it committed. */
    static final class InnerTransactionFailed extends RuntimeException {
        InnerTransactionFailed(String message) {
            super("an inner transaction failed (those before it are committed): " + message, null, false, false);
        }
    }

    /** Runs {@code statements} inside the caller's transaction {@code tx}, counting each in {@code done}: a group's share. */
    void runIn(TransactionContext tx, List<Statement> statements, AtomicInteger done) {
        runAll(tx, statements, done);
    }

    private void runAll(TransactionContext tx, List<Statement> statements, AtomicInteger done) {
        for (Statement s : statements) {
            checkStop.run();
            tx.run(s.text()).consume();
            done.incrementAndGet();
        }
    }

    static List<List<Statement>> groups(List<Statement> statements) {
        List<List<Statement>> groups = new ArrayList<>();
        List<Statement> current = new ArrayList<>();
        Boolean schema = null;
        for (Statement s : statements) {
            if (schema != null && schema != s.isSchemaCommand()) {
                groups.add(current);
                current = new ArrayList<>();
            }
            schema = s.isSchemaCommand();
            current.add(s);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }
}
