package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.identity.ApiKey;
import org.statestore.identity.internal.KeyHasher;
import org.statestore.testing.CliRun;
import org.statestore.testing.SharedFixtures;
import org.statestore.testing.TestNeo4j;

import picocli.CommandLine;

/**
 * Pins the {@code --output json} contract of every leaf command before the cli/ package is refactored: each case
 * runs one command in-process against the shared test Neo4j (emptied before every case) and records its exit code,
 * the envelope's {@code command}, {@code ok} and {@code exitCode}, and the sorted set of field paths with their JSON
 * types ({@code applied[].version: string}; {@code x: array} and {@code x[]: object} for arrays and their elements)
 * — never volatile values such as times, checksums, hosts or paths. For a failure it also records how stderr relates
 * to the document's {@code error}: how many lines, and which of them is {@code "statestore: " + error}. A usage error
 * that picocli reports before the command runs prints no JSON at all, which is pinned too.
 *
 * <p>The golden file is {@code src/test/resources/cli/json-contract.txt}. After a deliberate change, regenerate it
 * from the code as it is and read the diff before committing it:
 *
 * <pre>
 * mvn -B -q -o test -Dtest='JsonContractTest' -Dsurefire.failIfNoSpecifiedTests=false -Dstatestore.contract.update=true
 * </pre>
 *
 * <p>A new leaf command fails {@link #everyLeafCommandIsCovered()} until it has a success case and a failure case
 * here, or is listed in {@link #EXEMPT} with a reason.
 */
@DisplayName("The --output json contract of every statestore command")
class JsonContractTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Leaf commands without an {@code --output} option, and why. */
    static final Map<String, String> EXEMPT = Map.of(
            "server", "serves the embedded store until stopped and prints one text line; it has no --output",
            "generate-completion", "prints a bash/zsh completion script; it has no --output");

    /** Commands covered only by failure cases, and why. */
    static final Map<String, String> NO_SUCCESS_CASE = Map.of(
            "upgrade store", "a real upgrade of the 4.4 fixture takes over 20 s (load, store-format migration, "
                    + "Neo4j 5 start, bundled units); UpgradeStoreTest covers it, here only its fast refusals are pinned");

    private static final Key KEY = new Key("cd613e30d8f16adf91b7584a2265b1f5");
    private static final Key OTHER_KEY = new Key("78e510617311d8a3c2ce6f447ed4d57b");

    /** A URL with user info: every connecting command refuses it inside call(), before it connects (exit 2). */
    private static final String USER_INFO_URL = "bolt://neo4j:secret@localhost:7687";

    private static final TestNeo4j NEO4J = TestNeo4j.get();

    @TempDir
    static Path tmp;

    private static Path fixtureDump;

    private record Key(String text) {
    }

    /** One run of a command under test, after its own preparation. */
    @FunctionalInterface
    interface Body {
        CliRun run(Work w) throws Exception;
    }

    /** {@code command} (e.g. {@code migrate up}) {@code behaviour}; {@code succeeds} is whether it must exit 0. */
    record Case(String command, String behaviour, boolean succeeds, Body body) {
        String name() {
            return command + " " + behaviour;
        }
    }

    private static Case ok(String command, String behaviour, Body body) {
        return new Case(command, behaviour, true, body);
    }

    private static Case fails(String command, String behaviour, Body body) {
        return new Case(command, behaviour, false, body);
    }

    /** The cases, in the golden file's order. */
    static List<Case> cases() {
        List<Case> c = new ArrayList<>();

        // migrate up (and its --dry-run)
        c.add(ok("migrate up", "applies a pending unit and lists it under applied", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            return w.run("migrate", "up", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(ok("migrate up", "with nothing pending applies nothing", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "up", "--no-bundled", "-l", w.units(), "-o", "json");
        }));
        c.add(ok("migrate up", "with the bundled units names the alchemiscale releases the store serves",
                w -> w.run("migrate", "up", "--output", "json")));
        c.add(fails("migrate up", "with a failing unit exits 7", w -> {
            w.unit("V1__Boom.cypher", "RETURN 1/0;");
            return w.run("migrate", "up", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate up", "with an applied unit edited since exits 6 and lists the findings", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            w.unit("V1__First.cypher", "CREATE (:Thing {edited: true});");
            return w.run("migrate", "up", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate up", "with a malformed --target is a usage error (exit 2)", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            return w.run("migrate", "up", "--no-bundled", "-l", w.units(), "--target", "one", "--output", "json");
        }));
        c.add(fails("migrate up", "with a --target that names no unit exits 6", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            return w.run("migrate", "up", "--no-bundled", "-l", w.units(), "--target", "99", "--output", "json");
        }));
        c.add(fails("migrate up", "with a bad --lock-ttl value is a usage error before the command runs (no JSON)",
                w -> w.run("migrate", "up", "--no-bundled", "--lock-ttl", "soon", "--output", "json")));
        c.add(ok("migrate up", "--dry-run lists the plan and writes nothing", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            return w.run("migrate", "up", "--dry-run", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate up", "--dry-run with a statement the server refuses exits 6", w -> {
            w.unit("V1__Typo.cypher", "MATCH (n) RETRUN n;");
            return w.run("migrate", "up", "--dry-run", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate up", "--dry-run behind a failed unit exits 7", w -> {
            w.unit("V1__Boom.cypher", "RETURN 1/0;");
            w.setupExpecting(7, "migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "up", "--dry-run", "--no-bundled", "-l", w.units(), "--output", "json");
        }));

        // migrate info
        c.add(ok("migrate info", "lists an applied and a pending unit", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            w.unit("V2__Second.cypher", "CREATE (:Other);");
            return w.run("migrate", "info", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate info", "with an unknown --state is a usage error (exit 2)", w ->
                w.run("migrate", "info", "--no-bundled", "-l", w.units(), "--state", "sleeping", "--output", "json")));
        c.add(fails("migrate info", "with a --target that names no unit exits 6", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            return w.run("migrate", "info", "--no-bundled", "-l", w.units(), "--target", "99", "-o", "json");
        }));

        // migrate status
        c.add(ok("migrate status", "reports the current version and the pending ones", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            w.unit("V2__Second.cypher", "CREATE (:Other);");
            return w.run("migrate", "status", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate status", "--check with a pending unit exits 8", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            return w.run("migrate", "status", "--check", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate status", "--check with a failed unit exits 7", w -> {
            w.unit("V1__Boom.cypher", "RETURN 1/0;");
            w.setupExpecting(7, "migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "status", "--check", "--no-bundled", "-l", w.units(), "--output", "json");
        }));

        // migrate validate
        c.add(ok("migrate validate", "finds local units agreeing with the chain", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "validate", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate validate", "with an applied unit edited since exits 6 and lists the problems", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            w.unit("V1__First.cypher", "CREATE (:Thing {edited: true});");
            return w.run("migrate", "validate", "--no-bundled", "-l", w.units(), "--output", "json");
        }));

        // migrate baseline
        c.add(ok("migrate baseline", "records a baseline in a database without history", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            return w.run("migrate", "baseline", "--version", "1", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate baseline", "in a database with history is refused (exit 11)", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "baseline", "--version", "1", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate baseline", "with a malformed --version is a usage error (exit 2)", w ->
                w.run("migrate", "baseline", "--version", "one", "--no-bundled", "--output", "json")));

        // migrate repair
        c.add(ok("migrate repair", "marks a failed unit for retry", w -> {
            w.unit("V1__Boom.cypher", "RETURN 1/0;");
            w.setupExpecting(7, "migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "repair", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate repair", "--forget of a unit that is still present is refused (exit 11)", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "repair", "--forget", "1", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate repair", "--accept-checksum with a malformed version is a usage error (exit 2)", w ->
                w.run("migrate", "repair", "--accept-checksum", "one", "--no-bundled", "--output", "json")));

        // migrate undo (and its --dry-run)
        c.add(ok("migrate undo", "undoes the newest unit with its undo script", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.unit("U1__First.cypher", "MATCH (t:Thing) DELETE t;");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "undo", "--steps", "1", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate undo", "stops at an irreversible unit (exit 7)", w -> {
            w.unit("V1__Merge.cypher", "// rollback: merged things cannot be split again\nCREATE (:Thing);");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "undo", "--steps", "1", "--no-bundled", "-l", w.units(), "--output", "json");
        }));
        c.add(fails("migrate undo", "with --steps 0 is a usage error (exit 2)", w ->
                w.run("migrate", "undo", "--steps", "0", "--no-bundled", "--output", "json")));
        c.add(ok("migrate undo", "--dry-run lists what would be undone", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.unit("U1__First.cypher", "MATCH (t:Thing) DELETE t;");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "undo", "--dry-run", "--steps", "1", "--no-bundled", "-l", w.units(), "-o", "json");
        }));
        // Pinned as it is today: the dry run of an undo that would stop at an irreversible unit (exit 7) exits 0 and
        // only shows the unit's rollback as irreversible in its plan.
        c.add(ok("migrate undo", "--dry-run at an irreversible unit shows it in the plan and exits 0", w -> {
            w.unit("V1__Merge.cypher", "// rollback: merged things cannot be split again\nCREATE (:Thing);");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "undo", "--dry-run", "--steps", "1", "--no-bundled", "-l", w.units(),
                    "--output", "json");
        }));
        c.add(fails("migrate undo", "--dry-run with an undo statement the server refuses exits 6", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.unit("U1__First.cypher", "MATCH (t:Thing) DELEET t;");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "undo", "--dry-run", "--steps", "1", "--no-bundled", "-l", w.units(),
                    "--output", "json");
        }));

        // migrate await
        c.add(ok("migrate await", "returns once the database is at the version", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            return w.run("migrate", "await", "--version", "1", "--timeout", "5s", "--output", "json");
        }));
        c.add(fails("migrate await", "gives up after --timeout with exit 8", w ->
                w.run("migrate", "await", "--version", "2", "--timeout", "200ms", "--interval", "50ms",
                        "--output", "json")));
        c.add(fails("migrate await", "with a zero --interval is a usage error (exit 2)", w ->
                w.run("migrate", "await", "--version", "1", "--interval", "0ms", "--output", "json")));

        // migrate import
        c.add(ok("migrate import", "copies a neo4j-migrations history, skipping its repeatable runs", w -> {
            w.neo4jMigrationsHistory();
            return w.run("migrate", "import", "--from", "neo4j-migrations", "--output", "json");
        }));
        c.add(ok("migrate import", "run again finds every run imported before", w -> {
            w.neo4jMigrationsHistory();
            w.setup("migrate", "import", "--from", "neo4j-migrations");
            return w.run("migrate", "import", "--from", "neo4j-migrations", "--output", "json");
        }));
        c.add(fails("migrate import", "without a neo4j-migrations history exits 10", w ->
                w.run("migrate", "import", "--from", "neo4j-migrations", "--output", "json")));
        c.add(fails("migrate import", "over versions statestore recorded itself is refused (exit 11)", w -> {
            w.unit("V1__Own.cypher", "RETURN 1;");
            w.setup("migrate", "up", "--no-bundled", "-l", w.units());
            w.neo4jMigrationsHistory();
            return w.run("migrate", "import", "--from", "neo4j-migrations", "--output", "json");
        }));
        c.add(fails("migrate import", "from an unknown tool is a usage error (exit 2)", w ->
                w.run("migrate", "import", "--from", "flyway", "--output", "json")));

        // identity
        c.add(ok("identity add", "creates an identity with the key given", w ->
                w.run(KEY, "identity", "add", "-t", "user", "-i", "alice", "--output", "json")));
        c.add(ok("identity add", "without a key generates one and prints it once", w ->
                w.run("identity", "add", "-t", "compute", "-i", "gpu-01", "--output", "json")));
        c.add(ok("identity add", "run again with the same key reports that it already existed", w -> {
            w.userIdentity("alice");
            return w.run(KEY, "identity", "add", "-i", "alice", "--output", "json");
        }));
        c.add(fails("identity add", "of an identity that exists with another key exits 9", w -> {
            w.userIdentity("alice");
            return w.run(OTHER_KEY, "identity", "add", "-i", "alice", "--output", "json");
        }));
        c.add(fails("identity add", "of an identifier holding a quote is refused (exit 2)", w ->
                w.run(KEY, "identity", "add", "-i", "o'brien", "--output", "json")));
        c.add(fails("identity add", "with a malformed -k key is a usage error (exit 2) after the -k warning", w ->
                w.run("identity", "add", "-i", "alice", "-k", "k".repeat(80), "--output", "json")));
        c.add(ok("identity list", "lists the identities of a type with their scopes", w -> {
            w.userIdentity("alice", "acme-*-*");
            return w.run("identity", "list", "-t", "user", "--output", "json");
        }));
        c.add(fails("identity list", "with a URL holding user info is a usage error (exit 2)", w ->
                w.run("identity", "list", "--url", USER_INFO_URL, "--output", "json")));
        c.add(fails("identity list", "with an unknown -t type is a usage error before the command runs (no JSON)", w ->
                w.run("identity", "list", "-t", "robot", "--output", "json")));
        c.add(ok("identity remove", "with --yes removes the identity", w -> {
            w.userIdentity("alice");
            return w.run("identity", "remove", "-i", "alice", "--yes", "--output", "json");
        }));
        c.add(fails("identity remove", "without --yes and without a terminal is refused (exit 11)", w -> {
            w.userIdentity("alice");
            return w.run("identity", "remove", "-i", "alice", "--output", "json");
        }));
        c.add(fails("identity remove", "of an unknown identity exits 10", w ->
                w.run("identity", "remove", "-i", "nobody", "--yes", "--output", "json")));
        c.add(ok("identity add-scope", "grants new scopes and reports those already present", w -> {
            w.userIdentity("alice", "acme-*-*");
            return w.run("identity", "add-scope", "-i", "alice", "-s", "acme-*-*", "-s", "openff-tyk2-fep",
                    "--output", "json");
        }));
        c.add(fails("identity add-scope", "to an unknown identity exits 10", w ->
                w.run("identity", "add-scope", "-i", "nobody", "-s", "acme-*-*", "--output", "json")));
        c.add(fails("identity add-scope", "with a malformed scope is a usage error (exit 2)", w -> {
            w.userIdentity("alice");
            return w.run("identity", "add-scope", "-i", "alice", "-s", "acme-*-proj", "--output", "json");
        }));
        c.add(ok("identity remove-scope", "takes scopes away and reports those not present", w -> {
            w.userIdentity("alice", "acme-*-*");
            return w.run("identity", "remove-scope", "-i", "alice", "-s", "acme-*-*", "-s", "openff-tyk2-fep",
                    "--output", "json");
        }));
        c.add(fails("identity remove-scope", "from an unknown identity exits 10", w ->
                w.run("identity", "remove-scope", "-i", "nobody", "-s", "acme-*-*", "--output", "json")));
        c.add(ok("identity list-scope", "prints an identity's scopes", w -> {
            w.userIdentity("alice", "acme-*-*");
            return w.run("identity", "list-scope", "-i", "alice", "--output", "json");
        }));
        c.add(fails("identity list-scope", "of an unknown identity exits 10", w ->
                w.run("identity", "list-scope", "-i", "nobody", "--output", "json")));
        c.add(ok("identity update-key", "without a key generates a new one and keeps the scopes", w -> {
            w.userIdentity("alice");
            return w.run("identity", "update-key", "-i", "alice", "--output", "json");
        }));
        c.add(fails("identity update-key", "of an unknown identity exits 10", w ->
                w.run(KEY, "identity", "update-key", "-i", "nobody", "--output", "json")));
        c.add(ok("identity verify", "accepts the identity's key", w -> {
            w.userIdentity("alice");
            return w.run(KEY, "identity", "verify", "-i", "alice", "--output", "json");
        }));
        c.add(fails("identity verify", "with another key exits 4", w -> {
            w.userIdentity("alice");
            return w.run(OTHER_KEY, "identity", "verify", "-i", "alice", "--output", "json");
        }));
        c.add(fails("identity verify", "of an unknown identity exits 10", w ->
                w.run(KEY, "identity", "verify", "-i", "nobody", "--output", "json")));
        c.add(fails("identity verify", "without a key is a usage error (exit 2)", w ->
                w.run("identity", "verify", "-i", "alice", "--output", "json")));

        // database
        // database init and v03-to-v04 run migrate up's code, but their documents name themselves.
        c.add(ok("database init", "creates alchemiscale's constraints", w ->
                w.run("database", "init", "--output", "json")));
        c.add(fails("database init", "with a URL holding user info is a usage error (exit 2)", w ->
                w.run("database", "init", "--url", USER_INFO_URL, "--output", "json")));
        c.add(ok("database check", "after init finds no inconsistencies", w -> {
            w.setup("database", "init");
            return w.run("database", "check", "--output", "json");
        }));
        c.add(fails("database check", "of a database without alchemiscale's constraints exits 6", w ->
                w.run("database", "check", "--output", "json")));
        c.add(ok("database doctor", "after init finds nothing for the newest release", w -> {
            w.setup("database", "init");
            return w.run("database", "doctor", "--output", "json");
        }));
        c.add(fails("database doctor", "of an empty database exits 6 with findings", w ->
                w.run("database", "doctor", "--output", "json")));
        c.add(fails("database doctor", "with an unknown --release is a usage error before the command runs (no JSON)",
                w -> w.run("database", "doctor", "--release", "banana", "--output", "json")));
        c.add(ok("database expire-registrations", "expires a nonconforming registration and resets its Task", w -> {
            w.cypher("CREATE (c:ComputeServiceRegistration {identifier: 'gpu-' + '1b4e28ba-2fa1-11d2-883f-0016d3cca427', "
                    + "registered: localdatetime('2025-06-01T10:00:00'), heartbeat: localdatetime('2025-06-01T10:05:00')}) "
                    + "CREATE (t:GufeTokenizable:Task {_scoped_key: 'Task-1', _gufe_key: 'Task-1', status: 'running'}) "
                    + "CREATE (c)-[:CLAIMS {claimed: localdatetime('2025-06-01T10:06:00')}]->(t)");
            return w.run("database", "expire-registrations", "--nonconforming", "--output", "json");
        }));
        c.add(ok("database expire-registrations", "--all --dry-run on a database without registrations expires nothing",
                w -> w.run("database", "expire-registrations", "--all", "--dry-run", "--output", "json")));
        c.add(fails("database expire-registrations", "with a URL holding user info is a usage error (exit 2)", w ->
                w.run("database", "expire-registrations", "--all", "--url", USER_INFO_URL, "--output", "json")));
        c.add(ok("database reset", "with --yes deletes everything", w -> {
            w.setup("database", "init");
            return w.run("database", "reset", "--yes", "--output", "json");
        }));
        c.add(fails("database reset", "without --yes and without a terminal is refused (exit 11)", w ->
                w.run("database", "reset", "--output", "json")));
        c.add(ok("database migrate v03-to-v04", "marks the networks of a v0.3 store", w -> {
            w.setup("dev", "seed", "--shape", "v0.3", "--networks", "2", "--transformations", "1", "--tasks", "1");
            return w.run("database", "migrate", "v03-to-v04", "--output", "json");
        }));
        c.add(fails("database migrate v03-to-v04", "with a URL holding user info is a usage error (exit 2)", w ->
                w.run("database", "migrate", "v03-to-v04", "--url", USER_INFO_URL, "--output", "json")));

        // dev
        c.add(ok("dev seed", "writes a synthetic v0.3 store", w ->
                w.run("dev", "seed", "--shape", "v0.3", "--networks", "2", "--transformations", "1", "--tasks", "1",
                        "--output", "json")));
        c.add(fails("dev seed", "into a database with data is refused (exit 11)", w -> {
            w.cypher("CREATE (:Thing)");
            return w.run("dev", "seed", "--shape", "v0.3", "--networks", "1", "--output", "json");
        }));
        c.add(fails("dev seed", "with an unknown --shape is a usage error (exit 2)", w ->
                w.run("dev", "seed", "--shape", "v0.9", "--networks", "1", "--output", "json")));

        // backup
        c.add(ok("backup create", "writes an online backup", w -> {
            w.cypher("CREATE (:Thing {id: 1})-[:LINKS]->(:Thing {id: 2})");
            return w.run("backup", "create", "--url", w.url(), "--to", w.backups(), "--output", "json");
        }));
        c.add(fails("backup create", "into a --to that is a file is a usage error (exit 2)", w -> {
            Path file = Files.writeString(w.dir.resolve("not-a-dir"), "x");
            return w.run("backup", "create", "--url", w.url(), "--to", file, "--output", "json");
        }));
        c.add(ok("backup verify", "checks a backup file", w ->
                w.run("backup", "verify", w.backup(), "--output", "json")));
        c.add(fails("backup verify", "of a missing file exits 10", w ->
                w.run("backup", "verify", w.dir.resolve("neo4j-20250101T000000Z.ssbak"), "--output", "json")));
        c.add(fails("backup verify", "of a corrupt file exits 6", w ->
                w.run("backup", "verify", w.corruptBackup(), "--output", "json")));
        c.add(ok("backup list", "lists the backups in a directory", w -> {
            w.backup();
            return w.run("backup", "list", w.backups(), "--output", "json");
        }));
        c.add(fails("backup list", "of a missing directory exits 10", w ->
                w.run("backup", "list", w.dir.resolve("nowhere"), "--output", "json")));
        c.add(ok("backup prune", "keeps the newest backup and leaves an unverified file alone", w -> {
            w.backup();
            w.corruptBackup();
            return w.run("backup", "prune", "--keep", "1", w.backups(), "--output", "json");
        }));
        c.add(fails("backup prune", "with --keep 0 is a usage error (exit 2)", w ->
                w.run("backup", "prune", "--keep", "0", w.backups(), "--output", "json")));
        c.add(fails("backup prune", "of a missing directory exits 10", w ->
                w.run("backup", "prune", "--keep", "1", w.dir.resolve("nowhere"), "--output", "json")));
        c.add(ok("backup restore", "restores a backup into an empty database", w -> {
            w.cypher("CREATE (:Thing {id: 1})-[:LINKS]->(:Thing {id: 2})");
            Path file = w.backup();
            NEO4J.reset();
            return w.run("backup", "restore", file, "--url", w.url(), "--output", "json");
        }));
        c.add(fails("backup restore", "into a database that holds data is refused (exit 11)", w -> {
            w.cypher("CREATE (:Thing {id: 1})");
            return w.run("backup", "restore", w.backup(), "--url", w.url(), "--output", "json");
        }));
        c.add(fails("backup restore", "with --replace but without --yes is refused (exit 11)", w ->
                w.run("backup", "restore", w.backup(), "--replace", "--url", w.url(), "--output", "json")));
        c.add(fails("backup restore", "of a missing file exits 10", w ->
                w.run("backup", "restore", w.dir.resolve("neo4j-20250101T000000Z.ssbak"), "--url", w.url(),
                        "--output", "json")));

        // upgrade
        c.add(ok("upgrade check", "reports what an upgrade of the 4.4 fixture would find", w ->
                w.run("upgrade", "check", "--from-dump", fixtureDump(), "--output", "json")));
        c.add(fails("upgrade check", "of a missing dump exits 6", w ->
                w.run("upgrade", "check", "--from-dump", w.dir.resolve("missing.dump"), "--output", "json")));
        c.add(fails("upgrade check", "with a --target below 0.4.0 is a usage error (exit 2)", w ->
                w.run("upgrade", "check", "--from-dump", w.dir.resolve("missing.dump"), "--target", "0.1.0",
                        "--output", "json")));
        c.add(fails("upgrade store", "of a missing dump exits 6", w ->
                w.run("upgrade", "store", "--from-dump", w.dir.resolve("missing.dump"), "--data-dir",
                        w.dir.resolve("store"), "--output", "json")));
        c.add(fails("upgrade store", "with --replace but without --yes is refused (exit 11)", w ->
                w.run("upgrade", "store", "--from-dump", w.dir.resolve("missing.dump"), "--data-dir",
                        w.dir.resolve("store"), "--replace", "--output", "json")));
        c.add(fails("upgrade store", "--into a database that holds data is refused (exit 11) before the dump is loaded",
                w -> {
                    w.cypher("CREATE (:Thing {id: 1})");
                    return w.run("upgrade", "store", "--from-dump", fixtureDump(), "--into", w.url(), "--output",
                            "json");
                }));
        return c;
    }

    @TestFactory
    @DisplayName("every case exits as pinned and prints one JSON document of the pinned shape (json-contract.txt)")
    Stream<DynamicTest> everyCaseMatchesTheGoldenFile() {
        ContractGolden golden = ContractGolden.open("json-contract.txt", List.of(
                "# The --output json contract of every statestore command, pinned by JsonContractTest.",
                "# Per case: the exit code; the envelope's command, ok and exitCode; for a failure, stderr's lines",
                "# against the document's error; then every field path with its JSON type, sorted.",
                "# Regenerate: mvn -B -q -o test -Dtest=JsonContractTest -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-Dstatestore.contract.update=true"));
        List<DynamicTest> tests = new ArrayList<>();
        List<Case> all = cases();
        for (Case c : all) {
            tests.add(dynamicTest(c.name(), () -> {
                CliRun run = run(c);
                golden.raw(c.name(), run);
                golden.check(c.name(), block(run, c.succeeds()));
            }));
        }
        tests.add(dynamicTest("the golden file holds no block of a case that is gone",
                () -> golden.finish(all.size())));
        return tests.stream();
    }

    @Test
    @DisplayName("every leaf command with --output has a success case and a failure case, and only commands "
            + "without --output are exempt")
    void everyLeafCommandIsCovered() {
        Map<String, Boolean> hasOutput = new TreeMap<>();
        leaves(newMain().commandLine(), hasOutput);
        assertTrue(hasOutput.size() > 30, hasOutput.toString());

        Set<String> withoutOutput = hasOutput.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXEMPT.keySet()), withoutOutput,
                "exactly the commands without --output are exempt (list a new one in EXEMPT with its reason)");

        List<Case> cases = cases();
        List<String> missing = new ArrayList<>();
        for (String command : hasOutput.keySet()) {
            if (EXEMPT.containsKey(command)) {
                continue;
            }
            boolean success = cases.stream().anyMatch(c -> c.command().equals(command) && c.succeeds());
            boolean failure = cases.stream().anyMatch(c -> c.command().equals(command) && !c.succeeds());
            if (!success && !NO_SUCCESS_CASE.containsKey(command)) {
                missing.add(command + ": no success case");
            }
            if (!failure) {
                missing.add(command + ": no failure case");
            }
        }
        assertEquals(List.of(), missing, "add cases to JsonContractTest.cases() for every leaf command");
        Set<String> unknown = cases.stream().map(Case::command).filter(c -> !hasOutput.containsKey(c))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unknown, "cases name commands the command line does not have");
        assertEquals(cases.size(), cases.stream().map(Case::name).distinct().count(), "case names are unique");
    }

    /** Every leaf below {@code cl}, by its name without {@code statestore }, and whether it takes --output. */
    private static void leaves(CommandLine cl, Map<String, Boolean> out) {
        if (cl.getSubcommands().isEmpty()) {
            String name = cl.getCommandSpec().qualifiedName(" ").replaceFirst("^statestore ", "");
            out.put(name, cl.getCommandSpec().findOption("--output") != null);
            return;
        }
        cl.getSubcommands().values().stream().distinct().forEach(sub -> leaves(sub, out));
    }

    private static Main newMain() {
        return new Main(new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0]), Map.of()));
    }

    /** Runs one case on an empty database. */
    private static CliRun run(Case c) throws Exception {
        NEO4J.reset();
        Work w = new Work(Files.createTempDirectory(tmp, "case"), c.command());
        CliRun run = c.body().run(w);
        assertTrue(w.ranCommand, "the case runs " + c.command() + " with w.run(...)");
        assertEquals(c.succeeds(), run.exitCode() == 0, "expected " + (c.succeeds() ? "success" : "failure")
                + ":\n" + run);
        return run;
    }

    /** Exit code, envelope, stderr against the error (failures), then the sorted field paths and types. */
    static String block(CliRun run, boolean success) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("exit " + run.exitCode());
        List<String> err = run.err().lines().toList();
        if (run.out().isBlank()) {
            lines.add("no JSON document on stdout");
            lines.add("stderr: " + count(err.size()));
            return String.join("\n", lines);
        }
        JsonNode doc;
        try (var parser = JSON.createParser(run.out())) {
            doc = JSON.readTree(parser);
            assertEquals(null, parser.nextToken(), "stdout holds exactly one JSON document:\n" + run);
        }
        assertTrue(doc.isObject(), "the document is an object:\n" + run);
        assertEquals(run.exitCode(), doc.path("exitCode").asInt(-1), "exitCode is the process's exit code:\n" + run);
        assertEquals(run.exitCode() == 0, doc.path("ok").asBoolean(), "ok is true exactly on exit 0:\n" + run);
        assertEquals(run.exitCode() == 0, doc.path("error").isNull(), "error is null exactly on exit 0:\n" + run);
        lines.add("command " + doc.path("command") + ", ok " + doc.path("ok") + ", exitCode " + doc.path("exitCode"));
        if (!success) {
            lines.add("stderr: " + stderrAgainstError(err, doc.path("error").asText()));
        }
        // Sorted by path, then type: "a: array" before "a[]: object" before "a[].b: string".
        Set<String> paths = new TreeSet<>(java.util.Comparator.comparing((String p) -> p.substring(0, p.lastIndexOf(": ")))
                .thenComparing(p -> p));
        paths(doc, "", paths);
        paths.forEach(p -> lines.add("  " + p));
        return String.join("\n", lines);
    }

    private static String count(int n) {
        return n + (n == 1 ? " line" : " lines");
    }

    /**
     * How many lines stderr has, which of them is {@code "statestore: " + error}, and what the others are: each by
     * its first word (with its colon, e.g. {@code target:}), as their text names temporary paths and times.
     */
    private static String stderrAgainstError(List<String> err, String error) {
        String expected = "statestore: " + error;
        List<Integer> at = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < err.size(); i++) {
            if (err.get(i).equals(expected)) {
                at.add(i + 1);
            } else {
                others.add(kind(err.get(i)));
            }
        }
        String where;
        if (err.size() == 1 && at.equals(List.of(1))) {
            return "1 line, \"statestore: \" + error";
        } else if (at.isEmpty()) {
            where = count(err.size()) + "; none is \"statestore: \" + error";
        } else {
            where = count(err.size()) + "; \"statestore: \" + error is line " + at.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + (at.contains(err.size()) ? " (the last)" : "");
        }
        return where + "; others: " + String.join(", ", others);
    }

    /** A stderr line's first word after {@code statestore: }, e.g. {@code target:}, {@code applying}, {@code warning:}. */
    private static String kind(String line) {
        String text = line.startsWith("statestore: ") ? line.substring("statestore: ".length()) : line;
        int space = text.indexOf(' ');
        return "'" + (space < 0 ? text : text.substring(0, space)) + " ...'";
    }

    /** Every field path below {@code node} with its JSON type: {@code a.b: string}, {@code a: array}, {@code a[]: object}. */
    private static void paths(JsonNode node, String path, Set<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(p + ": " + type(e.getValue()));
                paths(e.getValue(), p, out);
            });
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                out.add(path + "[]: " + type(element));
                paths(element, path + "[]", out);
            }
        }
    }

    private static String type(JsonNode n) {
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The 4.4 dump fixture, copied once into the class's temporary directory (the original is never touched). */
    private static String cheapHash;

    /** {@link #KEY} hashed with bcrypt cost 4 (alchemiscale reads any cost), made once. */
    private static synchronized String cheapHash() {
        if (cheapHash == null) {
            cheapHash = new KeyHasher(4, new SecureRandom()).hash(ApiKey.of(KEY.text()));
        }
        return cheapHash;
    }

    private static synchronized Path fixtureDump() throws IOException {
        if (fixtureDump == null) {
            fixtureDump = Files.copy(SharedFixtures.fixture("alchemiscale-v0.3-neo4j-4.4.dump"),
                    tmp.resolve("neo4j-2024-01-01.dump"));
        }
        return fixtureDump;
    }

    /** One case's workspace: its own directory, the environment that reaches the test Neo4j, and setup helpers. */
    static final class Work {

        final Path dir;
        private final String command;
        private final Map<String, String> env = new HashMap<>(NEO4J.env());
        private boolean ranCommand;
        private Path backup;

        Work(Path dir, String command) {
            this.dir = dir;
            this.command = command;
            // Progress lines only for tasks longer than this: none, so stderr is the same on every run.
            env.put("STATESTORE_PROGRESS_INTERVAL", "1h");
        }

        String url() {
            return NEO4J.boltUri().toString();
        }

        Path units() throws IOException {
            return Files.createDirectories(dir.resolve("units"));
        }

        Path backups() throws IOException {
            return Files.createDirectories(dir.resolve("backups"));
        }

        void unit(String file, String text) throws IOException {
            Files.writeString(units().resolve(file), text);
        }

        void cypher(String query) {
            NEO4J.query(query);
        }

        /** A backup of the database as it is, in {@link #backups()}; made once per case. */
        Path backup() throws IOException {
            if (backup == null) {
                setup("backup", "create", "--url", url(), "--to", backups());
                try (Stream<Path> files = Files.list(backups())) {
                    backup = files.filter(f -> f.toString().endsWith(".ssbak")).findFirst().orElseThrow();
                }
            }
            return backup;
        }

        /** A file in {@link #backups()} named like a backup that is not one. */
        Path corruptBackup() throws IOException {
            return Files.writeString(backups().resolve("neo4j-20200101T000000Z.ssbak"), "not a backup");
        }

        /** A neo4j-migrations history as its CLI leaves it: a BASELINE node, two versioned runs and a repeatable one. */
        void neo4jMigrationsHistory() {
            cypher("""
                    CREATE (b:__Neo4jMigration {version: 'BASELINE'})
                    CREATE (m1:__Neo4jMigration {version: '1', description: 'First', type: 'CYPHER',
                            checksum: '1100212', source: 'V1__First.cypher'})
                    CREATE (m2:__Neo4jMigration {version: '2', description: 'Second', type: 'CYPHER',
                            checksum: '2200212', source: 'V2__Second.cypher'})
                    CREATE (r:__Neo4jMigration {version: 'Things', description: 'Things', type: 'CYPHER',
                            checksum: '3300212', source: 'R__Things.cypher', repeatable: true})
                    CREATE (b)-[:MIGRATED_TO {at: datetime('2024-01-01T10:00:00Z'), in: duration('PT0.2S'),
                            by: 'neo4j', connectedAs: 'neo4j'}]->(m1)
                    CREATE (m1)-[:MIGRATED_TO {at: datetime('2024-01-01T10:00:01Z'), in: duration('PT0.1S'),
                            by: 'neo4j', connectedAs: 'neo4j'}]->(m2)
                    CREATE (m2)-[:MIGRATED_TO {at: datetime('2024-01-01T10:00:02Z'), in: duration('PT0.1S'),
                            by: 'neo4j', connectedAs: 'neo4j'}]->(r)""");
        }

        /**
         * A user identity with {@link #KEY} and {@code scopes}, written as alchemiscale (and identity add) store it,
         * but with a bcrypt cost of 4 instead of 12 so that preparing and verifying take milliseconds.
         */
        void userIdentity(String identifier, String... scopes) {
            NEO4J.query("CREATE (:CredentialedEntity:CredentialedUserIdentity {identifier: $id, hashed_key: $hash, "
                    + "scopes: $scopes, disabled: false})", Map.of("id", identifier, "hash", cheapHash(),
                    "scopes", List.of(scopes)));
        }

        /** A preparing run, which must succeed. */
        void setup(Object... args) {
            setupExpecting(0, args);
        }

        void setupExpecting(int exit, Object... args) {
            CliRun r = CliRun.run(env(args), strings(args));
            assertEquals(exit, r.exitCode(), "setup " + Arrays.toString(strings(args)) + ":\n" + r);
        }

        /** The run under test: it must name the case's command and ask for JSON. */
        CliRun run(Object... args) {
            String[] a = strings(args);
            String[] words = command.split(" ");
            assertTrue(a.length >= words.length && Arrays.equals(Arrays.copyOf(a, words.length), words),
                    Arrays.toString(a) + " runs " + command);
            List<String> all = Arrays.asList(a);
            boolean json = false;
            for (int i = 0; i + 1 < a.length; i++) {
                json |= (a[i].equals("--output") || a[i].equals("-o")) && a[i + 1].equals("json");
            }
            assertTrue(json, all + " asks for --output json");
            ranCommand = true;
            return CliRun.run(env(args), a);
        }

        /** The environment, with STATESTORE_KEY when {@code args} start with a {@link Key}. */
        private Map<String, String> env(Object[] args) {
            Map<String, String> e = new LinkedHashMap<>(env);
            if (args.length > 0 && args[0] instanceof Key k) {
                e.put("STATESTORE_KEY", k.text());
            }
            return e;
        }

        private static String[] strings(Object[] args) {
            return Arrays.stream(args).filter(a -> !(a instanceof Key)).map(String::valueOf).toArray(String[]::new);
        }
    }

    @Test
    @DisplayName("the block of a document records its envelope, stderr against the error, and its sorted typed paths")
    void blockRendering() throws IOException {
        CliRun run = new CliRun(7, "{\"command\": \"migrate up\", \"ok\": false, \"exitCode\": 7, \"error\": \"boom\", "
                + "\"applied\": [{\"version\": \"1\"}], \"current\": null, \"pending\": []}\n",
                "statestore: info line\nstatestore: boom\n");
        assertEquals(String.join("\n",
                "exit 7",
                "command \"migrate up\", ok false, exitCode 7",
                "stderr: 2 lines; \"statestore: \" + error is line 2 (the last); others: 'info ...'",
                "  applied: array",
                "  applied[]: object",
                "  applied[].version: string",
                "  command: string",
                "  current: null",
                "  error: string",
                "  exitCode: number",
                "  ok: boolean",
                "  pending: array"), block(run, false));
        assertFalse(block(new CliRun(2, "", "statestore: bad\n"), false).contains("command"));
    }
}
