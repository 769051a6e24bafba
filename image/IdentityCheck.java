import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;

/**
 * Checks, with a query of its own and not through statestore, that an identity node written through the
 * container has alchemiscale's shape: run by image/test-image.sh as
 * {@code java -cp 'target/statestore.jar:target/lib/*' image/IdentityCheck.java user alice scope1 scope2 ...}
 * with NEO4J_URL, NEO4J_USER and NEO4J_PASS set. Prints one line and exits 0 when the node is as expected.
 */
public final class IdentityCheck {

    public static void main(String[] args) {
        String type = args[0];
        String identifier = args[1];
        List<String> wantedScopes = List.of(args).subList(2, args.length);
        String label = type.equals("compute") ? "CredentialedComputeIdentity" : "CredentialedUserIdentity";
        List<String> problems = new ArrayList<>();
        try (Driver driver = GraphDatabase.driver(System.getenv("NEO4J_URL"),
                AuthTokens.basic(System.getenv("NEO4J_USER"), System.getenv("NEO4J_PASS")),
                Config.builder().withLogging(Logging.none()).build())) {
            List<Record> rows = driver.session(SessionConfig.forDatabase("neo4j")).executeRead(tx -> tx.run(
                    "MATCH (n:CredentialedEntity {identifier: $id}) WHERE $label IN labels(n) "
                            + "RETURN labels(n) AS labels, keys(n) AS keys, n.scopes AS scopes, n.disabled AS disabled, "
                            + "n.hashed_key AS hash, COUNT { (n)--() } AS relationships",
                    java.util.Map.of("id", identifier, "label", label)).list());
            if (rows.size() != 1) {
                problems.add(rows.size() + " " + label + " nodes with identifier " + identifier);
            } else {
                Record r = rows.get(0);
                TreeSet<String> labels = new TreeSet<>(r.get("labels").asList(v -> v.asString()));
                if (!labels.equals(new TreeSet<>(List.of("CredentialedEntity", label)))) {
                    problems.add("labels " + labels);
                }
                TreeSet<String> keys = new TreeSet<>(r.get("keys").asList(v -> v.asString()));
                if (!keys.equals(new TreeSet<>(List.of("identifier", "hashed_key", "scopes", "disabled")))) {
                    problems.add("properties " + keys);
                }
                List<String> scopes = r.get("scopes").asList(v -> v.asString());
                if (!new TreeSet<>(scopes).equals(new TreeSet<>(wantedScopes)) || scopes.size() != wantedScopes.size()) {
                    problems.add("scopes " + scopes + ", wanted " + wantedScopes);
                }
                if (r.get("disabled").asBoolean(true)) {
                    problems.add("disabled is not false");
                }
                String hash = r.get("hash").asString("");
                if (!hash.startsWith("$2b$12$") || hash.length() != 60) {
                    problems.add("hashed_key is not a bcrypt $2b$ cost-12 hash");
                }
                if (r.get("relationships").asLong() != 0) {
                    problems.add("the node has relationships");
                }
            }
        }
        if (problems.isEmpty()) {
            System.out.println("identity " + type + " " + identifier + ": alchemiscale's shape, scopes " + wantedScopes);
            System.exit(0);
        }
        System.out.println("identity " + type + " " + identifier + ": " + String.join("; ", problems));
        System.exit(1);
    }
}
