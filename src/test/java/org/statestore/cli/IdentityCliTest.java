package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.statestore.identity.ApiKey;
import org.statestore.identity.internal.KeyHasher;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("statestore identity against a real Neo4j")
class IdentityCliTest {

    private static final String KEY = "cd613e30d8f16adf91b7584a2265b1f5";
    private static final String OTHER_KEY = "78e510617311d8a3c2ce6f447ed4d57b";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path tmp;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private CliRun cli(String... args) {
        return CliRun.run(neo4j.env(), args);
    }

    private CliRun cliWithKey(String key, String... args) {
        Map<String, String> env = new HashMap<>(neo4j.env());
        env.put("STATESTORE_KEY", key);
        return CliRun.run(env, args);
    }

    private static void assertExit(int expected, CliRun run) {
        assertEquals(expected, run.exitCode(), run.toString());
    }

    /** The one node of {@code label} with {@code identifier}: its labels, properties and degree. */
    private Record node(String label, String identifier) {
        List<Record> rows = neo4j.query("MATCH (n:" + label + " {identifier: $id}) RETURN labels(n) AS labels, "
                + "properties(n) AS props, n.scopes AS scopes, n.hashed_key AS hash, n.disabled AS disabled, "
                + "COUNT { (n)--() } AS degree", Map.of("id", identifier));
        assertEquals(1, rows.size(), "nodes " + label + " " + identifier);
        return rows.get(0);
    }

    private void assertAlchemiscaleShape(Record n, String typeLabel, String identifier, List<String> scopes) {
        assertEquals(Set.of("CredentialedEntity", typeLabel), new TreeSet<>(n.get("labels").asList(Value::asString)));
        assertEquals(2, n.get("labels").size());
        Map<String, Object> props = n.get("props").asMap();
        assertEquals(Set.of("identifier", "hashed_key", "scopes", "disabled"), props.keySet());
        assertEquals(identifier, props.get("identifier"));
        assertTrue(n.get("scopes").hasType(org.neo4j.driver.types.TypeSystem.getDefault().LIST()), "scopes is a list");
        assertEquals(scopes, n.get("scopes").asList(Value::asString));
        assertEquals(Boolean.FALSE, props.get("disabled"));
        String hash = n.get("hash").asString();
        assertTrue(hash.startsWith("$2b$12$"), hash);
        assertEquals(60, hash.length());
        assertEquals(0, n.get("degree").asLong(), "identities have no relationships");
    }

    private long allNodes() {
        return neo4j.count("MATCH (n) RETURN count(n)");
    }

    @Nested
    @DisplayName("the manual's commands, with statestore in place of alchemiscale")
    class Manual {

        @Test
        @DisplayName("identity add -t user then add-scope -s ... -s ... write a user node in exactly alchemiscale's shape")
        void userCommands() {
            CliRun add = cli("identity", "add", "-t", "user", "-i", "alice", "-k", KEY);
            assertExit(0, add);
            assertAlchemiscaleShape(node("CredentialedUserIdentity", "alice"), "CredentialedUserIdentity", "alice",
                    List.of());
            assertTrue(neo4j.query("MATCH (n:CredentialedUserIdentity) RETURN valueType(n.scopes) AS t").get(0)
                    .get("t").asString().startsWith("LIST"), "an empty scopes list is still a list");

            CliRun scope = cli("identity", "add-scope", "-t", "user", "-i", "alice", "-s", "acme-tyk2_2023-fep_round1",
                    "-s", "openff-*-*");
            assertExit(0, scope);

            assertAlchemiscaleShape(node("CredentialedUserIdentity", "alice"), "CredentialedUserIdentity", "alice",
                    List.of("acme-tyk2_2023-fep_round1", "openff-*-*"));
            assertEquals(1, allNodes());
            assertExit(0, cliWithKey(KEY, "identity", "verify", "-t", "user", "-i", "alice"));
        }

        @Test
        @DisplayName("the same commands with -t compute write a compute node beside a user of the same identifier")
        void computeCommands() {
            assertExit(0, cli("identity", "add", "-t", "user", "-i", "carol", "-k", KEY));
            assertExit(0, cli("identity", "add", "-t", "compute", "-i", "carol", "-k", OTHER_KEY));
            assertExit(0, cli("identity", "add-scope", "-t", "compute", "-i", "carol", "-s", "*-*-*"));

            assertAlchemiscaleShape(node("CredentialedComputeIdentity", "carol"), "CredentialedComputeIdentity", "carol",
                    List.of("*-*-*"));
            assertAlchemiscaleShape(node("CredentialedUserIdentity", "carol"), "CredentialedUserIdentity", "carol",
                    List.of());
            assertExit(0, cliWithKey(OTHER_KEY, "identity", "verify", "-t", "compute", "-i", "carol"));
            assertExit(4, cliWithKey(OTHER_KEY, "identity", "verify", "-t", "user", "-i", "carol"));
        }

        @Test
        @DisplayName("-t defaults to user, and long flags work too")
        void defaultsAndLongFlags() {
            assertExit(0, cliWithKey(KEY, "identity", "add", "--identifier", "dave"));
            assertExit(0, cli("identity", "add-scope", "--identity-type", "user", "--identifier", "dave",
                    "--scope", "acme-*-*"));
            assertEquals(List.of("acme-*-*"), node("CredentialedUserIdentity", "dave").get("scopes")
                    .asList(Value::asString));
        }
    }

    @Nested
    @DisplayName("keys")
    class Keys {

        @Test
        @DisplayName("-k works but warns on stderr that argv is visible, and the key is printed nowhere")
        void dashKWarns() {
            CliRun add = cli("identity", "add", "-i", "alice", "-k", KEY, "--output", "json");
            assertExit(0, add);
            assertTrue(add.err().contains("warning: a key given with -k/--key is visible to other users"), add.err());
            assertFalse(add.out().contains(KEY) || add.err().contains(KEY), "the key leaked: " + add);
            assertFalse(add.out().contains("hashed_key") || add.out().contains("$2b$"), "the hash leaked: " + add);
        }

        @Test
        @DisplayName("--key-file, --key-stdin and STATESTORE_KEY set the key without a warning")
        void safeSources() throws IOException {
            Path file = tmp.resolve("key");
            Files.writeString(file, KEY + "\n", StandardCharsets.UTF_8);
            CliRun fromFile = cli("identity", "add", "-i", "f", "--key-file", file.toString());
            CliRun fromStdin = CliRun.runWithInput(neo4j.env(), OTHER_KEY + "\n", "identity", "add", "-i", "s",
                    "--key-stdin");
            CliRun fromEnv = cliWithKey(KEY, "identity", "add", "-i", "e");
            for (CliRun run : List.of(fromFile, fromStdin, fromEnv)) {
                assertExit(0, run);
                assertFalse(run.err().contains("warning"), run.toString());
                assertFalse(run.out().contains("generated"), run.toString());
            }
            assertExit(0, CliRun.runWithInput(neo4j.env(), OTHER_KEY, "identity", "verify", "-i", "s", "--key-stdin"));
            assertExit(0, cli("identity", "verify", "-i", "f", "--key-file", file.toString()));
        }

        @Test
        @DisplayName("add without a key generates one, prints it once and stores only its hash")
        void generatesKey() throws IOException {
            CliRun json = cli("identity", "add", "-t", "compute", "-i", "gen", "--output", "json");
            assertExit(0, json);
            JsonNode doc = JSON.readTree(json.out());
            String key = doc.get("generatedKey").asText();
            assertTrue(key.matches("[0-9a-f]{32}"), key);
            assertFalse(json.err().contains(key), "the generated key must not reach stderr");
            assertEquals(json.out().indexOf(key), json.out().lastIndexOf(key));

            CliRun text = cli("identity", "add", "-i", "gen2");
            assertExit(0, text);
            List<String> lines = text.out().lines().toList();
            String textKey = lines.get(lines.size() - 1);
            assertTrue(textKey.matches("[0-9a-f]{32}"), text.toString());
            assertFalse(text.err().contains(textKey));

            assertExit(0, cliWithKey(key, "identity", "verify", "-t", "compute", "-i", "gen"));
        }

        @Test
        @DisplayName("keys over 72 UTF-8 bytes, over 4096 characters or with NUL are refused (exit 2) and nothing is written")
        void refusesBadKeys() throws IOException {
            CliRun tooLong = cliWithKey("é".repeat(37), "identity", "add", "-i", "alice");
            assertExit(2, tooLong);
            assertTrue(tooLong.err().contains("74 bytes in UTF-8; at most 72"), tooLong.err());
            assertFalse(tooLong.err().contains("é"));

            Path nul = tmp.resolve("nul");
            Files.write(nul, "abc\0def\n".getBytes(StandardCharsets.UTF_8));
            CliRun withNul = cli("identity", "add", "-i", "alice", "--key-file", nul.toString());
            assertExit(2, withNul);
            assertTrue(withNul.err().contains("NUL"), withNul.err());

            CliRun huge = cliWithKey("x".repeat(5000), "identity", "add", "-i", "alice");
            assertExit(2, huge);
            assertTrue(huge.err().contains("5000 characters"), huge.err());

            assertEquals(0, allNodes());
        }

        @Test
        @DisplayName("two key sources, a missing key file or verify without a key are usage errors (exit 2)")
        void keyUsageErrors() {
            assertExit(2, CliRun.runWithInput(neo4j.env(), KEY, "identity", "add", "-i", "a", "-k", KEY, "--key-stdin"));
            CliRun missing = cli("identity", "add", "-i", "a", "--key-file", tmp.resolve("absent").toString());
            assertExit(2, missing);
            assertTrue(missing.err().contains("does not exist"), missing.err());
            CliRun noKey = cli("identity", "verify", "-i", "a");
            assertExit(2, noKey);
            assertTrue(noKey.err().contains("no key given"), noKey.err());
            assertEquals(0, allNodes());
        }
    }

    @Nested
    @DisplayName("what alchemiscale's CLI gets wrong")
    class Fixes {

        @Test
        @DisplayName("add on an existing identity with a different key fails with exit 9, names update-key and leaves key and scopes alone")
        void addExisting() {
            assertExit(0, cliWithKey(KEY, "identity", "add", "-i", "alice"));
            assertExit(0, cli("identity", "add-scope", "-i", "alice", "-s", "acme-*-*"));
            Map<String, Object> before = node("CredentialedUserIdentity", "alice").get("props").asMap();

            CliRun again = cliWithKey(OTHER_KEY, "identity", "add", "-i", "alice");

            assertExit(9, again);
            assertTrue(again.err().contains("already exists") && again.err().contains("update-key"), again.err());
            assertFalse(again.out().contains("already exists with this key"), again.out());
            assertEquals(before, node("CredentialedUserIdentity", "alice").get("props").asMap());
            assertExit(4, cliWithKey(OTHER_KEY, "identity", "verify", "-i", "alice"));
        }

        @Test
        @DisplayName("add rerun with the key the identity already has exits 0, says so and writes nothing")
        void addRerunWithSameKey() throws IOException {
            assertExit(0, cliWithKey(KEY, "identity", "add", "-t", "compute", "-i", "gpu-cluster-01"));
            assertExit(0, cli("identity", "add-scope", "-t", "compute", "-i", "gpu-cluster-01", "-s", "acme-*-*"));
            Map<String, Object> before = node("CredentialedComputeIdentity", "gpu-cluster-01").get("props").asMap();

            CliRun again = cliWithKey(KEY, "identity", "add", "-t", "compute", "-i", "gpu-cluster-01");
            CliRun json = cliWithKey(KEY, "identity", "add", "-t", "compute", "-i", "gpu-cluster-01", "--output", "json");

            assertExit(0, again);
            assertEquals("compute identity 'gpu-cluster-01' already exists with this key; nothing was changed "
                    + "(scopes: acme-*-*)", again.out().strip());
            assertExit(0, json);
            JsonNode doc = JSON.readTree(json.out());
            assertTrue(doc.get("ok").asBoolean());
            assertTrue(doc.get("alreadyExisted").asBoolean());
            assertTrue(doc.get("error").isNull());
            assertEquals("[\"acme-*-*\"]", doc.get("identity").get("scopes").toString());
            assertFalse(doc.has("generatedKey"));
            assertEquals(before, node("CredentialedComputeIdentity", "gpu-cluster-01").get("props").asMap(),
                    "hash, scopes and disabled unchanged");
            assertEquals(1, allNodes());
        }

        @Test
        @DisplayName("a first add reports alreadyExisted false in JSON")
        void firstAddIsNotAlreadyExisting() throws IOException {
            CliRun json = cliWithKey(KEY, "identity", "add", "-i", "alice", "--output", "json");
            assertExit(0, json);
            assertFalse(JSON.readTree(json.out()).get("alreadyExisted").asBoolean());
        }

        @Test
        @DisplayName("add rerun without a key (one would be generated) on an existing identity stays exit 9 and prints no key")
        void addRerunWithoutKey() throws IOException {
            assertExit(0, cliWithKey(KEY, "identity", "add", "-i", "alice"));
            String hash = node("CredentialedUserIdentity", "alice").get("hash").asString();

            CliRun text = cli("identity", "add", "-i", "alice");
            CliRun json = cli("identity", "add", "-i", "alice", "--output", "json");

            assertExit(9, text);
            assertFalse(text.out().contains("generated"), text.toString());
            assertExit(9, json);
            JsonNode doc = JSON.readTree(json.out());
            assertFalse(doc.get("ok").asBoolean());
            assertFalse(doc.has("generatedKey"), json.out());
            assertEquals(hash, node("CredentialedUserIdentity", "alice").get("hash").asString());
            assertExit(0, cliWithKey(KEY, "identity", "verify", "-i", "alice"));
        }

        @Test
        @DisplayName("add refuses (exit 2) identifiers holding ' or \\, or empty, in one stderr line naming /token, writing nothing")
        void refusesIdentifiersTokenCannotFind() throws IOException {
            neo4j.query("CREATE (:Sentinel)");
            for (String id : List.of("o'brien", "back\\slash", "")) {
                for (String type : List.of("user", "compute")) {
                    CliRun text = cli("identity", "add", "-t", type, "-i", id, "-k", KEY);
                    assertExit(2, text);
                    assertEquals(1, text.errLines(), "exactly one line, not even the -k warning: " + text);
                    assertTrue(text.err().startsWith("statestore: cannot add " + type + " identity '" + id + "': "
                            + "alchemiscale's /token "), text.err());
                    assertTrue(text.err().strip().endsWith("; nothing was written"), text.err());
                    assertEquals("", text.out());

                    CliRun json = cliWithKey(KEY, "identity", "add", "-t", type, "-i", id, "--output", "json");
                    assertExit(2, json);
                    JsonNode doc = JSON.readTree(json.out());
                    assertFalse(doc.get("ok").asBoolean());
                    assertEquals(2, doc.get("exitCode").asInt());
                    assertEquals(text.err().strip(), "statestore: " + doc.get("error").asText());
                    assertEquals(type, doc.get("type").asText());
                    assertEquals(id, doc.get("identifier").asText());
                }
            }
            assertEquals(1, allNodes(), "only the sentinel");
        }

        @Test
        @DisplayName("a plain identifier added by statestore is found by alchemiscale's pasted /token query")
        void plainIdentifierFoundByPastedTokenQuery() {
            assertExit(0, cliWithKey(KEY, "identity", "add", "-t", "user", "-i", "alice"));
            assertExit(0, cliWithKey(OTHER_KEY, "identity", "add", "-t", "compute", "-i", "gpu-cluster-01"));
            for (String[] typeAndId : List.of(new String[] {"CredentialedUserIdentity", "alice"},
                    new String[] {"CredentialedComputeIdentity", "gpu-cluster-01"})) {
                // alchemiscale 0.7.2 Neo4jStore.get_credentialed_entity, pasted exactly as it does
                String q = "\n        MATCH (n:" + typeAndId[0] + " {identifier: '" + typeAndId[1] + "'})\n        RETURN n\n        ";
                List<Record> rows = neo4j.query(q);
                assertEquals(1, rows.size(), q);
                assertEquals(typeAndId[1], rows.get(0).get("n").get("identifier").asString());
                assertTrue(rows.get(0).get("n").get("hashed_key").asString().startsWith("$2b$12$"));
            }
        }

        @Test
        @DisplayName("update-key replaces only the hash: scopes stay, the old key stops verifying, the new one works")
        void updateKey() {
            assertExit(0, cliWithKey(KEY, "identity", "add", "-t", "compute", "-i", "svc"));
            assertExit(0, cli("identity", "add-scope", "-t", "compute", "-i", "svc", "-s", "acme-tyk2-*", "-s", "b-c-d"));
            String oldHash = node("CredentialedComputeIdentity", "svc").get("hash").asString();

            CliRun update = cliWithKey(OTHER_KEY, "identity", "update-key", "-t", "compute", "-i", "svc");

            assertExit(0, update);
            assertTrue(update.out().contains("scopes kept: acme-tyk2-*, b-c-d"), update.out());
            Record n = node("CredentialedComputeIdentity", "svc");
            assertAlchemiscaleShape(n, "CredentialedComputeIdentity", "svc", List.of("acme-tyk2-*", "b-c-d"));
            assertNotEquals(oldHash, n.get("hash").asString());
            CliRun old = cliWithKey(KEY, "identity", "verify", "-t", "compute", "-i", "svc");
            assertExit(4, old);
            assertTrue(old.err().contains("authentication failed: the key does not match compute identity 'svc'"),
                    old.err());
            assertExit(0, cliWithKey(OTHER_KEY, "identity", "verify", "-t", "compute", "-i", "svc"));
        }

        @Test
        @DisplayName("verify exits 0 with a warning when the key matches a disabled identity, since /token ignores disabled")
        void disabledIdentity() throws IOException {
            String hash = new KeyHasher(4, new SecureRandom()).hash(ApiKey.of(KEY));
            neo4j.query("CREATE (:CredentialedEntity:CredentialedUserIdentity {identifier: 'off', hashed_key: $h, "
                    + "scopes: [], disabled: true})", Map.of("h", hash));
            String warning = "statestore: warning: user identity 'off' is disabled, but alchemiscale's /token does not "
                    + "read 'disabled', so the API still accepts this key";

            CliRun text = cliWithKey(KEY, "identity", "verify", "-i", "off");
            CliRun json = cliWithKey(KEY, "identity", "verify", "-i", "off", "--output", "json");
            CliRun wrong = cliWithKey(OTHER_KEY, "identity", "verify", "-i", "off");

            assertExit(0, text);
            assertEquals("the key matches user identity 'off'", text.out().strip());
            List<String> warnings = text.err().lines().filter(l -> l.contains("warning")).toList();
            assertEquals(1, warnings.size(), text.err());
            assertTrue(warnings.get(0).startsWith(warning), text.err());
            assertFalse(text.err().contains("refuse"), text.err());
            assertExit(0, json);
            JsonNode doc = JSON.readTree(json.out());
            assertTrue(doc.get("ok").asBoolean());
            assertTrue(doc.get("matches").asBoolean());
            assertTrue(doc.get("disabled").asBoolean());
            assertEquals(1, doc.get("warnings").size());
            assertTrue(("statestore: warning: " + doc.get("warnings").get(0).asText()).startsWith(warning), json.out());
            assertExit(4, wrong);
            assertFalse(wrong.err().contains("warning"), wrong.err());
        }

        @Test
        @DisplayName("verify warns when the key matches an identity whose identifier /token cannot look up")
        void unusableIdentifierWarns() throws IOException {
            String hash = new KeyHasher(4, new SecureRandom()).hash(ApiKey.of(KEY));
            neo4j.query("CREATE (:CredentialedEntity:CredentialedUserIdentity {identifier: $id, hashed_key: $h, "
                    + "scopes: [], disabled: false})", Map.of("id", "o'brien", "h", hash));

            CliRun run = cliWithKey(KEY, "identity", "verify", "-i", "o'brien", "--output", "json");

            assertExit(0, run);
            assertTrue(run.err().contains("warning: the key matches user identity 'o'brien', but alchemiscale's "
                    + "/token pastes the identifier unescaped"), run.err());
            assertEquals(1, JSON.readTree(run.out()).get("warnings").size());
            CliRun plain = cliWithKey(KEY, "identity", "add", "-i", "plain", "--output", "json");
            assertExit(0, plain);
            assertEquals("[]", JSON.readTree(cliWithKey(KEY, "identity", "verify", "-i", "plain", "--output", "json")
                    .out()).get("warnings").toString());
        }

        @Test
        @DisplayName("every command naming an unknown identity fails with exit 10 and writes nothing")
        void unknownIdentity() {
            List<String[]> commands = List.of(
                    new String[] {"identity", "remove", "-i", "ghost", "--yes"},
                    new String[] {"identity", "add-scope", "-i", "ghost", "-s", "a-b-c"},
                    new String[] {"identity", "remove-scope", "-i", "ghost", "-s", "a-b-c"},
                    new String[] {"identity", "list-scope", "-i", "ghost"},
                    new String[] {"identity", "update-key", "-i", "ghost", "--key-stdin"},
                    new String[] {"identity", "verify", "-i", "ghost", "--key-stdin"});
            for (String[] args : commands) {
                CliRun run = CliRun.runWithInput(neo4j.env(), KEY, args);
                assertExit(10, run);
                assertTrue(run.err().contains("no user identity 'ghost'"), run.toString());
                assertEquals(1, run.err().lines().filter(l -> !l.startsWith("statestore: target:")).count(),
                        run.toString());
            }
            assertEquals(0, allNodes());
            CliRun json = cli("identity", "list-scope", "-i", "ghost", "--output", "json");
            assertExit(10, json);
            assertTrue(json.out().contains("\"exitCode\" : 10"), json.out());
        }

        @Test
        @DisplayName("a bad scope anywhere in a multi-scope call is a usage error (exit 2) and writes nothing")
        void badScopeWritesNothing() {
            assertExit(0, cliWithKey(KEY, "identity", "add", "-i", "alice"));
            assertExit(0, cli("identity", "add-scope", "-i", "alice", "-s", "keep-this-one"));

            for (String bad : List.of("acme-*-proj", "*-camp-*", "acme-camp", "acme-c-p-x", "1acme-c-p", "a-b c-d")) {
                CliRun run = cli("identity", "add-scope", "-i", "alice", "-s", "good-scope-one", "-s", bad,
                        "-s", "good-scope-two");
                assertExit(2, run);
                assertTrue(run.err().contains("bad scope") && run.err().contains("nothing was changed"), run.err());
                CliRun removing = cli("identity", "remove-scope", "-i", "alice", "-s", "keep-this-one", "-s", bad);
                assertExit(2, removing);
            }
            assertEquals(List.of("keep-this-one"), node("CredentialedUserIdentity", "alice").get("scopes")
                    .asList(Value::asString));
        }

        @Test
        @DisplayName("a scope with surrounding whitespace is refused (exit 2, one line) by add-scope and remove-scope, writing nothing")
        void scopeWithSurroundingWhitespace() {
            assertExit(0, cliWithKey(KEY, "identity", "add", "-i", "alice"));
            assertExit(0, cli("identity", "add-scope", "-i", "alice", "-s", "acme-x-y"));

            for (String bad : List.of(" acme-*-*", "acme-x-y ", "\tacme-x-y", "acme-x-y\n")) {
                for (String command : List.of("add-scope", "remove-scope")) {
                    CliRun run = cli("identity", command, "-i", "alice", "-s", "good-scope-one", "-s", bad);
                    assertExit(2, run);
                    assertEquals(1, run.errLines(), run.toString());
                    assertTrue(run.err().contains(": it has whitespace before or after it, which alchemiscale "
                            + "refuses; nothing was changed"), run.err());
                }
            }
            CliRun shown = cli("identity", "add-scope", "-i", "alice", "-s", "acme-x-y ");
            assertEquals("statestore: bad scope 'acme-x-y ': it has whitespace before or after it, which alchemiscale "
                    + "refuses; nothing was changed", shown.err().strip());
            assertEquals(List.of("acme-x-y"), node("CredentialedUserIdentity", "alice").get("scopes")
                    .asList(Value::asString));
            assertEquals(1, allNodes());
        }

        @Test
        @DisplayName("adding a present scope or removing an absent one is reported, not an error")
        void noOpScopesAreReported() throws IOException {
            assertExit(0, cliWithKey(KEY, "identity", "add", "-i", "alice"));
            assertExit(0, cli("identity", "add-scope", "-i", "alice", "-s", "a-b-c"));

            CliRun add = cli("identity", "add-scope", "-i", "alice", "-s", "a-b-c", "-s", "d-e-f");
            assertExit(0, add);
            assertTrue(add.out().contains("added d-e-f") && add.out().contains("already present: a-b-c"), add.out());

            CliRun remove = cli("identity", "remove-scope", "-i", "alice", "-s", "a-b-c", "-s", "x-y-z", "--output", "json");
            assertExit(0, remove);
            JsonNode doc = JSON.readTree(remove.out());
            assertEquals("[\"a-b-c\"]", doc.get("removed").toString());
            assertEquals("[\"x-y-z\"]", doc.get("notPresent").toString());
            assertEquals("[\"d-e-f\"]", doc.get("scopes").toString());
            assertEquals(List.of("d-e-f"), node("CredentialedUserIdentity", "alice").get("scopes").asList(Value::asString));
        }

        @Test
        @DisplayName("remove needs --yes without a terminal (exit 11); with it the identity is gone from list")
        void removeNeedsConfirmation() throws IOException {
            assertExit(0, cliWithKey(KEY, "identity", "add", "-i", "alice"));
            assertExit(0, cliWithKey(KEY, "identity", "add", "-i", "bob"));

            CliRun refused = cli("identity", "remove", "-i", "alice");
            assertExit(11, refused);
            assertTrue(refused.err().contains("pass --yes"), refused.err());
            assertEquals(2, allNodes());

            assertExit(0, cli("identity", "remove", "-i", "alice", "--yes"));

            CliRun list = cli("identity", "list", "--output", "json");
            assertExit(0, list);
            JsonNode ids = JSON.readTree(list.out()).get("identities");
            assertEquals(1, ids.size());
            assertEquals("bob", ids.get(0).get("identifier").asText());
            assertFalse(cli("identity", "list").out().contains("alice"));
        }
    }

    @Nested
    @DisplayName("output")
    class Output {

        @BeforeEach
        void identitiesAsAlchemiscaleWroteThem() {
            // Written directly (as alchemiscale does) to keep bcrypt out of these tests.
            neo4j.query("""
                    UNWIND $rows AS row
                    CREATE (n:CredentialedEntity:CredentialedUserIdentity)
                    SET n.identifier = row.id, n.hashed_key = 'x', n.scopes = row.scopes, n.disabled = false""",
                    Map.of("rows", List.of(
                            Map.of("id", "zed", "scopes", List.of()),
                            Map.of("id", "alice", "scopes", List.of("acme-*-*")),
                            Map.of("id", "Bob", "scopes", List.of("a-b-c", "d-e-f")),
                            Map.of("id", "carol smith", "scopes", List.of()))));
            neo4j.query("CREATE (:CredentialedEntity:CredentialedComputeIdentity {identifier: 'gpu', hashed_key: 'x', "
                    + "scopes: ['*-*-*'], disabled: false})");
        }

        @Test
        @DisplayName("list prints a table sorted by identifier, of the type asked for")
        void listTable() {
            CliRun run = cli("identity", "list");
            assertExit(0, run);
            List<String> lines = run.out().lines().toList();
            assertEquals(List.of("IDENTIFIER     DISABLED  SCOPES",
                    "Bob            no        a-b-c d-e-f",
                    "alice          no        acme-*-*",
                    "'carol smith'  no        -",
                    "zed            no        -"), lines);
            assertFalse(run.out().contains("gpu"));
        }

        @Test
        @DisplayName("list --output json gives identifiers, scopes as lists and no hashes")
        void listJson() throws IOException {
            CliRun run = cli("identity", "list", "-t", "compute", "--output", "json");
            assertExit(0, run);
            JsonNode doc = JSON.readTree(run.out());
            assertTrue(doc.get("ok").asBoolean());
            assertEquals("compute", doc.get("type").asText());
            assertEquals("[{\"type\":\"compute\",\"identifier\":\"gpu\",\"scopes\":[\"*-*-*\"],\"disabled\":false}]",
                    doc.get("identities").toString());
        }

        @Test
        @DisplayName("list-scope prints one scope per line, or a JSON list")
        void listScope() throws IOException {
            CliRun run = cli("identity", "list-scope", "-i", "Bob");
            assertExit(0, run);
            assertEquals("a-b-c\nd-e-f\n", run.out().replace("\r\n", "\n"));
            CliRun json = cli("identity", "list-scope", "-t", "user", "-i", "carol smith", "--output", "json");
            assertEquals("[]", JSON.readTree(json.out()).get("scopes").toString());
            assertEquals("", cli("identity", "list-scope", "-i", "zed").out());
        }

        @Test
        @DisplayName("an unknown -t is a usage error (exit 2)")
        void badType() {
            CliRun run = cli("identity", "list", "-t", "robot");
            assertExit(2, run);
            assertTrue(run.err().contains("unknown identity type 'robot'"), run.err());
            assertExit(2, cli("identity", "list-scope", "-i", ""));
        }
    }

    @Nested
    @DisplayName("hostile identifiers")
    class Hostile {

        @Test
        @DisplayName("backticks, dashes, spaces, Cypher fragments and unicode are stored and found verbatim")
        void storedVerbatim() throws IOException {
            neo4j.query("CREATE (:Sentinel {n: 1}), (:Sentinel {n: 2}), (:GufeTokenizable:AlchemicalNetwork {_scoped_key: 'k'})");
            neo4j.query("CREATE (:CredentialedEntity:CredentialedUserIdentity {identifier: 'victim', hashed_key: 'x', "
                    + "scopes: ['v-v-v'], disabled: false})");
            List<String> hostile = List.of("a`b", "x}) DETACH DELETE n //", "a-b c\"d", "ünïcødé 🙂 ключ",
                    "}) MATCH (m) DETACH DELETE m //");
            long before = allNodes();

            for (String id : hostile) {
                assertExit(0, cliWithKey(KEY, "identity", "add", "-i", id));
                assertExit(0, cli("identity", "add-scope", "-i", id, "-s", "acme-*-*"));
                CliRun scopes = cli("identity", "list-scope", "-i", id, "--output", "json");
                assertExit(0, scopes);
                JsonNode doc = JSON.readTree(scopes.out());
                assertEquals(id, doc.get("identifier").asText());
                assertEquals("[\"acme-*-*\"]", doc.get("scopes").toString());
                assertAlchemiscaleShape(node("CredentialedUserIdentity", id), "CredentialedUserIdentity", id,
                        List.of("acme-*-*"));
            }
            assertEquals(before + hostile.size(), allNodes());
            JsonNode listed = JSON.readTree(cli("identity", "list", "--output", "json").out()).get("identities");
            Set<String> ids = new TreeSet<>();
            listed.forEach(i -> ids.add(i.get("identifier").asText()));
            Set<String> expected = new TreeSet<>(hostile);
            expected.add("victim");
            assertEquals(expected, ids);
            assertExit(0, cliWithKey(KEY, "identity", "verify", "-i", "x}) DETACH DELETE n //"));
            assertExit(0, cli("identity", "update-key", "-i", "a`b", "-k", OTHER_KEY));
            assertExit(0, cli("identity", "remove-scope", "-i", "a`b", "-s", "acme-*-*"));
            assertEquals(List.of(), node("CredentialedUserIdentity", "a`b").get("scopes").asList(Value::asString));

            for (String id : hostile) {
                assertExit(0, cli("identity", "remove", "-i", id, "--yes"));
            }
            assertEquals(before, allNodes());
            assertEquals(2, neo4j.count("MATCH (s:Sentinel) RETURN count(s)"));
            assertEquals(List.of("v-v-v"), node("CredentialedUserIdentity", "victim").get("scopes").asList(Value::asString));
        }

        @Test
        @DisplayName("identities with quotes or backslashes, which add refuses, are still found and changed verbatim by the other commands")
        void quotedIdentifiersWrittenElsewhere() throws IOException {
            neo4j.query("CREATE (:Sentinel)");
            List<String> quoted = List.of("a'b", "') MATCH (m) DETACH DELETE m //", "back\\slash");
            for (String id : quoted) {
                // as another tool may have written them; statestore's add refuses them
                neo4j.query("CREATE (:CredentialedEntity:CredentialedUserIdentity {identifier: $id, hashed_key: 'x', "
                        + "scopes: [], disabled: false})", Map.of("id", id));
                assertExit(2, cliWithKey(KEY, "identity", "add", "-i", id));
                assertExit(0, cli("identity", "add-scope", "-i", id, "-s", "acme-*-*"));
                CliRun scopes = cli("identity", "list-scope", "-i", id, "--output", "json");
                assertExit(0, scopes);
                assertEquals(id, JSON.readTree(scopes.out()).get("identifier").asText());
                assertEquals(List.of("acme-*-*"), node("CredentialedUserIdentity", id).get("scopes")
                        .asList(Value::asString));
            }
            assertExit(0, cli("identity", "update-key", "-i", "a'b", "-k", OTHER_KEY));
            assertExit(0, cliWithKey(OTHER_KEY, "identity", "verify", "-i", "a'b"));
            assertExit(0, cli("identity", "remove-scope", "-i", "back\\slash", "-s", "acme-*-*"));
            assertEquals(List.of(), node("CredentialedUserIdentity", "back\\slash").get("scopes").asList(Value::asString));
            for (String id : quoted) {
                assertExit(0, cli("identity", "remove", "-i", id, "--yes"));
            }
            assertEquals(1, allNodes(), "only the sentinel");
        }

        @Test
        @DisplayName("control characters in an identifier are escaped in messages, so they cannot forge output lines")
        void controlCharactersEscaped() {
            CliRun run = cli("identity", "list-scope", "-i", "evil\nstatestore: all good");
            assertExit(10, run);
            assertTrue(run.err().contains("'evil\\u000astatestore: all good'"), run.err());
        }
    }
}
