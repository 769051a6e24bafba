package org.statestore.alchemiscale;

import java.util.List;
import java.util.Map;

import org.neo4j.driver.Session;
import org.statestore.migrate.JavaMigration;
import org.statestore.migrate.MigrationContext;

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

        String statement() {
            String x = variable + "." + key;
            return "MATCH " + pattern + " WHERE " + x + " IS :: LOCAL DATETIME NOT NULL\n"
                    + "CALL { WITH " + variable + " SET " + x + " = datetime({datetime: " + x + ", timezone: 'UTC'}) }\n"
                    + "IN TRANSACTIONS OF $batch ROWS";
        }
    }

    static final List<TimeProperty> PROPERTIES = List.of(
            new TimeProperty("ComputeServiceRegistration", "(c:ComputeServiceRegistration)", "c", "heartbeat"),
            new TimeProperty("ComputeServiceRegistration", "(c:ComputeServiceRegistration)", "c", "registered"),
            new TimeProperty("CLAIMS", "()-[r:CLAIMS]->()", "r", "claimed"),
            new TimeProperty("Task", "(t:Task)", "t", "datetime_created"));

    @Override
    public void apply(MigrationContext context) {
        try (Session session = context.session()) {
            for (TimeProperty p : PROPERTIES) {
                // CALL { } IN TRANSACTIONS runs only in an auto-commit transaction (session.run).
                int converted = session.run(p.statement(), Map.of("batch", BATCH)).consume().counters().propertiesSet();
                context.progress().accept("UtcTimestamps: " + p.describe() + ": " + converted
                        + " LocalDateTime values converted to UTC DateTime");
            }
        }
    }
}
