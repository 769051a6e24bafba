import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Session;

/**
 * The floor bench/migrate.sh measures statestore against: a plain driver client that applies each pending
 * one-statement unit and its history record (a chained node) in ONE transaction, nothing else (no lease, no
 * checksum validation of applied units, no progress records). Usage: LimitClient URL USER PASS UNIT_DIR
 */
public final class LimitClient {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__.*\\.cypher");

    public static void main(String[] args) throws Exception {
        List<Path> units;
        try (Stream<Path> files = Files.list(Path.of(args[3]))) {
            units = files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted((a, b) -> Long.compare(version(a), version(b))).toList();
        }
        Config config = Config.builder().withLogging(Logging.none()).withTelemetryDisabled(true).build();
        // The bench's server runs without authentication (loopback, no --password-file), as statestore connects to it.
        var auth = args[2].isEmpty() ? AuthTokens.none() : AuthTokens.basic(args[1], args[2]);
        // Closed without waiting out the IO threads' 200 ms quiet period, as statestore closes its driver.
        Driver driver = GraphDatabase.driver(args[0], auth, config);
        try (Session session = driver.session()) {
            Set<Long> applied = session.executeRead(tx -> tx.run("MATCH (e:__LimitEntry) RETURN e.version AS v")
                    .list(r -> r.get("v").asLong())).stream().collect(Collectors.toSet());
            // The chain's root, made once (one client: no race to guard against).
            session.executeWrite(tx -> tx.run("""
                    OPTIONAL MATCH (x:__LimitRoot) WITH count(x) AS roots WHERE roots = 0
                    CREATE (:__LimitRoot)""").consume());
            int count = 0;
            for (Path unit : units) {
                long v = version(unit);
                if (applied.contains(v)) {
                    continue;
                }
                String text = Files.readString(unit).strip();
                String statement = text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
                String checksum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
                session.executeWrite(tx -> {
                    tx.run(statement).consume();
                    // The head found in O(1) through the root's HEAD link, as statestore's chain finds it (a
                    // property lookup without an index would scan every entry, a floor slower than it need be).
                    tx.run("""
                            MATCH (r:__LimitRoot)
                            OPTIONAL MATCH (r)-[h:HEAD]->(p:__LimitEntry)
                            CREATE (e:__LimitEntry {version: $v, checksum: $c, installed_on: datetime()})
                            FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (p)-[:NEXT]->(e))
                            DELETE h
                            CREATE (r)-[:HEAD]->(e)""",
                            Map.of("v", v, "c", checksum)).consume();
                    return null;
                });
                count++;
            }
            System.out.println("applied " + count + " units");
        }
        driver.closeAsync();
        System.exit(0);
    }

    private static long version(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(p.toString());
        }
        return Long.parseLong(m.group(1));
    }
}
