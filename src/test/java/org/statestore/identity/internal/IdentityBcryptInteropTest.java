package org.statestore.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.identity.ApiKey;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hashes cross the language boundary both ways: alchemiscale's API (Python {@code bcrypt}) must accept what
 * statestore writes, and statestore must accept what alchemiscale wrote. Uses Debian's
 * {@code /usr/bin/python3} with {@code python3-bcrypt} ({@code .ci/run} installs it).
 */
@DisplayName("bcrypt hashes interoperate with Python's bcrypt, as alchemiscale's API uses it")
class IdentityBcryptInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    // Reads {"check": [[key, hash], ...], "hash": [key, ...]} on stdin; answers with checkpw results and new hashes.
    private static final String SCRIPT = """
            import json, sys, bcrypt
            req = json.loads(sys.stdin.buffer.read().decode("utf-8"))
            out = {
                "checks": [bcrypt.checkpw(k.encode("utf-8"), h.encode("ascii")) for k, h in req["check"]],
                "hashes": [bcrypt.hashpw(k.encode("utf-8"), bcrypt.gensalt(12)).decode("ascii") for k in req["hash"]],
            }
            print(json.dumps(out))
            """;

    private final TestNeo4j neo4j = TestNeo4j.get();

    @BeforeAll
    static void pythonBcryptAvailable() throws InterruptedException {
        boolean importable;
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import bcrypt").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            importable = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            importable = false;
        }
        Assumptions.assumeTrue(importable, "/usr/bin/python3 cannot import bcrypt (apt-get install python3-bcrypt)");
    }

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private static JsonNode python(List<List<String>> check, List<String> hash) throws IOException, InterruptedException {
        Path script = Files.createTempFile("bcrypt-interop", ".py");
        try {
            Files.writeString(script, SCRIPT);
            Process p = new ProcessBuilder(PYTHON.toString(), script.toString()).start();
            p.getOutputStream().write(JSON.writeValueAsBytes(Map.of("check", check, "hash", hash)));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python did not finish");
            assertEquals(0, p.exitValue(), err);
            return JSON.readTree(out);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private String storedHash(String label, String identifier) {
        return neo4j.query("MATCH (n:" + label + " {identifier: $id}) RETURN n.hashed_key AS h", Map.of("id", identifier))
                .get(0).get("h").asString();
    }

    @Test
    @DisplayName("Python's bcrypt.checkpw accepts the hashes statestore identity add writes, and refuses wrong keys")
    void pythonAcceptsStatestoreHashes() throws Exception {
        String asciiKey = "cd613e30d8f16adf91b7584a2265b1f5";
        String unicodeKey = "clé-secrète-ключ-🔑";
        String longKey = "k".repeat(71) + "z";  // exactly 72 bytes, bcrypt's limit
        assertEquals(0, CliRun.run(neo4j.env(), "identity", "add", "-t", "user", "-i", "alice", "-k", asciiKey).exitCode());
        Map<String, String> env = new java.util.HashMap<>(neo4j.env());
        env.put("STATESTORE_KEY", unicodeKey);
        assertEquals(0, CliRun.run(env, "identity", "add", "-t", "compute", "-i", "gpu-01").exitCode());
        KeyHasher hasher = new KeyHasher();
        String longHash = hasher.hash(ApiKey.of(longKey));

        List<List<String>> checks = new ArrayList<>();
        checks.add(List.of(asciiKey, storedHash("CredentialedUserIdentity", "alice")));
        checks.add(List.of(unicodeKey, storedHash("CredentialedComputeIdentity", "gpu-01")));
        checks.add(List.of(longKey, longHash));
        checks.add(List.of(asciiKey + "x", storedHash("CredentialedUserIdentity", "alice")));
        checks.add(List.of("k".repeat(72), longHash));
        JsonNode answer = python(checks, List.of());

        assertEquals("[true,true,true,false,false]", answer.get("checks").toString());
    }

    @Test
    @DisplayName("statestore verifies $2b$12$ hashes made by Python's bcrypt, as alchemiscale's CLI stores them")
    void statestoreAcceptsPythonHashes() throws Exception {
        String unicodeKey = "pässwörd-ключ";
        String longKey = "é".repeat(36);  // 72 bytes in UTF-8
        JsonNode answer = python(List.of(), List.of("1e2feb89414c343c1027c4d1c386bbc4", unicodeKey, longKey));
        String pythonHash = answer.get("hashes").get(0).asText();
        assertTrue(pythonHash.startsWith("$2b$12$") && pythonHash.length() == 60, pythonHash);
        // A node exactly as alchemiscale's own CLI writes it.
        neo4j.query("CREATE (:CredentialedEntity:CredentialedUserIdentity {identifier: 'bob', hashed_key: $h, "
                + "scopes: [], disabled: false})", Map.of("h", pythonHash));

        Map<String, String> env = new java.util.HashMap<>(neo4j.env());
        env.put("STATESTORE_KEY", "1e2feb89414c343c1027c4d1c386bbc4");
        CliRun ok = CliRun.run(env, "identity", "verify", "-t", "user", "-i", "bob");
        assertEquals(0, ok.exitCode(), ok.toString());

        KeyHasher hasher = new KeyHasher();
        assertTrue(hasher.matches(ApiKey.of(unicodeKey), answer.get("hashes").get(1).asText()));
        assertTrue(hasher.matches(ApiKey.of(longKey), answer.get("hashes").get(2).asText()));
    }
}
