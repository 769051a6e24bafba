package org.statestore.alchemiscale;

import java.util.List;
import java.util.Map;

import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.statestore.migrate.JavaMigration;
import org.statestore.migrate.MigrationContext;
import org.statestore.progress.ProgressSink;

/**
 * alchemiscale v0.7 stores times as zoned DateTime (UTC) but shipped no migration, so the times written
 * before it stay LocalDateTime. This unit converts them: each LocalDateTime value of
 * {@code ComputeServiceRegistration.heartbeat} and {@code .registered}, {@code CLAIMS.claimed} and
 * {@code Task.datetime_created} becomes the same wall-clock time read as UTC, microseconds kept. Values that
 * are already DateTime (written by v0.7+) are left alone, so a rerun, or a crash half-way and a rerun,
 * converges. Each property is converted by one statement committing every {@value #BATCH} values.
 */
public final class V0_7_0__UtcTimestamps implements JavaMigration {

    static final int BATCH = 10_000;

    /** A property holding times: which element and which key. From this fixed list only. */
    record TimeProperty(String owner, String pattern, String variable, String key) {

        String describe() {
            return owner + "." + key;
        }

        private String match() {
            return "MATCH " + pattern + " WHERE " + variable + "." + key + " IS :: LOCAL DATETIME NOT NULL\n";
        }

        /** The values to convert: a read of one property, so the progress total is exact. */
        String count() {
            return match() + "RETURN count(*) AS values";
        }

        /**
         * The conversion, batched; ON ERROR BREAK REPORT STATUS streams one row per value as each batch commits
         * (what progress counts), and the first failed batch stops the rest, as the default ON ERROR FAIL would.
         */
        String statement() {
            String x = variable + "." + key;
            return match()
                    + "CALL { WITH " + variable + " SET " + x + " = datetime({datetime: " + x + ", timezone: 'UTC'}) }\n"
                    + "IN TRANSACTIONS OF $batch ROWS ON ERROR BREAK REPORT STATUS AS status\n"
                    + "RETURN status.committed AS committed, status.errorMessage AS error";
        }
    }

    static final List<TimeProperty> PROPERTIES = List.of(
            new TimeProperty("ComputeServiceRegistration", "(c:ComputeServiceRegistration)", "c", "heartbeat"),
            new TimeProperty("ComputeServiceRegistration", "(c:ComputeServiceRegistration)", "c", "registered"),
            new TimeProperty("CLAIMS", "()-[r:CLAIMS]->()", "r", "claimed"),
            new TimeProperty("Task", "(t:Task)", "t", "datetime_created"));

    @Override
    public void apply(MigrationContext context) {
        ProgressSink counts = context.counts();
        try (Session session = context.session()) {
            long total = 0;
            for (TimeProperty p : PROPERTIES) {
                total += session.run(p.count()).single().get("values").asLong();
            }
            counts.start("UtcTimestamps", total);
            for (TimeProperty p : PROPERTIES) {
                // CALL { } IN TRANSACTIONS runs only in an auto-commit transaction (session.run).
                Result status = session.run(p.statement(), Map.of("batch", BATCH));
                long pending = 0;
                while (status.hasNext()) {
                    Record r = status.next();
                    if (!r.get("committed").asBoolean(false)) {
                        status.consume();
                        throw new IllegalStateException(p.describe() + ": a batch failed (those before it are "
                                + "committed; a rerun converts the rest): " + r.get("error").asString("not started"));
                    }
                    if (++pending == 1_000) {
                        counts.advance(pending);
                        pending = 0;
                    }
                }
                counts.advance(pending);
                int converted = status.consume().counters().propertiesSet();
                context.progress().accept("UtcTimestamps: " + p.describe() + ": " + converted
                        + " LocalDateTime values converted to UTC DateTime");
            }
            counts.done();
        }
    }
}
