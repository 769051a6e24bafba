package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

/**
 * Pins the plain-text stdout of the main outputs before the cli/ package is refactored: each case is a short
 * scenario on an emptied shared test Neo4j, and every command it runs is recorded with its exit code and its
 * stdout, volatile parts masked ({@link #MASKS}: temporary paths, times, durations, checksums, sizes, backup
 * time stamps, Neo4j versions, Bolt URLs, generated keys; then every run of two or more spaces becomes two, as
 * table columns are as wide as their masked cells). Backups are pinned by their first line only. Each stdout line
 * is written as {@code | line} so blank lines and trailing spaces show.
 *
 * <p>The golden file is {@code src/test/resources/cli/text-contract.txt}. After a deliberate change, regenerate it
 * from the code as it is and read the diff before committing it:
 *
 * <pre>
 * mvn -B -q -o test -Dtest='TextOutputContractTest' -Dsurefire.failIfNoSpecifiedTests=false -Dstatestore.contract.update=true
 * </pre>
 */
@DisplayName("The plain-text stdout of statestore's main outputs")
class TextOutputContractTest {

    private static final String KEY = "cd613e30d8f16adf91b7584a2265b1f5";
    private static final String OTHER_KEY = "78e510617311d8a3c2ce6f447ed4d57b";

    private static final TestNeo4j NEO4J = TestNeo4j.get();

    @TempDir
    static Path tmp;

    /** Volatile parts of stdout and what they become, applied in this order (after the case's directory). */
    static final List<Map.Entry<Pattern, String>> MASKS = List.of(
            mask("bolt://[0-9.]+:\\d+/?", "<URL>"),
            mask("\\d{8}T\\d{6}Z", "<STAMP>"),
            mask("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<TIME>"),
            mask("v1:[0-9a-f]{64}", "<CHECKSUM>"),
            mask("\\b[0-9a-f]{32}\\b", "<KEY>"),
            mask("\\d+ ms\\b", "<N> ms"),
            mask("\\d+(\\.\\d+)? (B|KiB|MiB|GiB|TiB)\\b", "<SIZE>"),
            mask("Neo4j \\d+\\.\\d+\\.\\d+", "Neo4j <VERSION>"),
            mask(" {2,}", "  "));

    private static Map.Entry<Pattern, String> mask(String regex, String replacement) {
        return Map.entry(Pattern.compile(regex), replacement);
    }

    @FunctionalInterface
    interface Scenario {
        void run(Work w) throws Exception;
    }

    record Case(String name, Scenario scenario) {
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("migrate up on an empty database applies the bundled units, then has nothing to do", w -> {
            w.run("migrate", "up");
            w.run("migrate", "up");
            w.run("migrate", "status");
        }));
        c.add(new Case("migrate info shows the table of applied and pending units, and status the summary", w -> {
            w.unit("V1__First.cypher", "CREATE (:Thing);");
            w.unit("U1__First.cypher", "MATCH (t:Thing) DELETE t;");
            w.unit("V2__Second.cypher", "// rollback: things cannot be unlinked\nMATCH (t:Thing) SET t.linked = true;");
            w.run("migrate", "up", "--target", "1", "--no-bundled", "-l", w.units());
            w.run("migrate", "info", "--no-bundled", "-l", w.units());
            w.run("migrate", "status", "--no-bundled", "-l", w.units());
            w.run("migrate", "status", "--check", "--no-bundled", "-l", w.units());
        }));
        c.add(new Case("identity add, add-scope, list, list-scope and verify print their confirmations", w -> {
            w.runWithKey(KEY, "identity", "add", "-t", "user", "-i", "alice");
            w.runWithKey(KEY, "identity", "add", "-t", "user", "-i", "alice");
            w.run("identity", "add", "-t", "compute", "-i", "gpu-01");
            w.run("identity", "add-scope", "-t", "user", "-i", "alice", "-s", "acme-*-*", "-s", "openff-tyk2-fep");
            w.run("identity", "add-scope", "-t", "user", "-i", "alice", "-s", "acme-*-*");
            w.run("identity", "list", "-t", "user");
            w.run("identity", "list", "-t", "compute");
            w.run("identity", "list-scope", "-t", "user", "-i", "alice");
            w.runWithKey(KEY, "identity", "verify", "-t", "user", "-i", "alice");
            w.runWithKey(OTHER_KEY, "identity", "verify", "-t", "user", "-i", "alice");
        }));
        c.add(new Case("database check lists each problem with its fix, and after init prints alchemiscale's ok line", w -> {
            w.run("database", "check");
            w.run("database", "init");
            w.run("database", "check");
        }));
        c.add(new Case("backup create and backup verify name the file, its size and the database it holds", w -> {
            w.cypher("CREATE (:Thing {id: 1})-[:LINKS]->(:Thing {id: 2})");
            w.firstLine("backup", "create", "--url", NEO4J.boltUri(), "--to", w.backups());
            Path file;
            try (Stream<Path> files = Files.list(w.backups())) {
                file = files.filter(f -> f.toString().endsWith(".ssbak")).findFirst().orElseThrow();
            }
            w.firstLine("backup", "verify", file);
        }));
        return c;
    }

    @TestFactory
    @DisplayName("every scenario prints what text-contract.txt pins, volatile parts masked")
    Stream<DynamicTest> everyScenarioMatchesTheGoldenFile() {
        ContractGolden golden = ContractGolden.open("text-contract.txt", List.of(
                "# The plain-text stdout of statestore's main outputs, pinned by TextOutputContractTest.",
                "# Per command run: '$ statestore ARGS', its exit code, and '| ' + each stdout line, masked.",
                "# Regenerate: mvn -B -q -o test -Dtest=TextOutputContractTest -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-Dstatestore.contract.update=true"));
        List<DynamicTest> tests = new ArrayList<>();
        List<Case> all = cases();
        for (Case c : all) {
            tests.add(dynamicTest(c.name(), () -> {
                NEO4J.reset();
                Work w = new Work(Files.createTempDirectory(tmp, "case"));
                c.scenario().run(w);
                golden.raw(c.name(), w.raw);
                golden.check(c.name(), String.join("\n", w.block));
            }));
        }
        tests.add(dynamicTest("the golden file holds no block of a scenario that is gone",
                () -> golden.finish(all.size())));
        return tests.stream();
    }

    @Test
    @DisplayName("masking hides paths, times, durations, checksums, sizes, stamps, versions and keys, and evens out columns")
    void masking() {
        Path dir = Path.of("/tmp/junit-1/case-2");
        assertEquals("created <DIR>/backups/neo4j-<STAMP>.ssbak (<SIZE>): database neo4j taken <TIME> from Neo4j <VERSION>",
                masked(dir, "created /tmp/junit-1/case-2/backups/neo4j-20261201T124349Z.ssbak (1.4 KiB): "
                        + "database neo4j taken 2026-12-01 12:43:49Z from Neo4j 5.26.30"));
        assertEquals("1  First  <CHECKSUM>  <N> ms  <KEY> <URL>",
                masked(dir, "1    First    v1:" + "ab".repeat(32) + "  12 ms  " + KEY + " bolt://127.0.0.1:7687/"));
    }

    static String masked(Path dir, String text) {
        String s = text.replace(dir.toAbsolutePath().toString(), "<DIR>");
        for (Map.Entry<Pattern, String> m : MASKS) {
            s = m.getKey().matcher(s).replaceAll(m.getValue());
        }
        return s;
    }

    /** One scenario's directory and the block its runs write. */
    static final class Work {

        final Path dir;
        final List<String> block = new ArrayList<>();
        final StringBuilder raw = new StringBuilder();
        private final Map<String, String> env = new HashMap<>(NEO4J.env());

        Work(Path dir) {
            this.dir = dir;
            env.put("STATESTORE_PROGRESS_INTERVAL", "1h");
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

        void run(Object... args) {
            record(env, "", false, args);
        }

        /** Runs with {@code STATESTORE_KEY} set; the block names the key as {@code <KEY>} or {@code <OTHER_KEY>}. */
        void runWithKey(String key, Object... args) {
            Map<String, String> e = new HashMap<>(env);
            e.put("STATESTORE_KEY", key);
            record(e, "STATESTORE_KEY=" + (key.equals(KEY) ? "<KEY>" : "<OTHER_KEY>") + " ", false, args);
        }

        /** Records only the first line of stdout. */
        void firstLine(Object... args) {
            record(env, "", true, args);
        }

        private void record(Map<String, String> e, String shownEnv, boolean firstLineOnly, Object... args) {
            String[] a = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
            CliRun run = CliRun.run(e, a);
            raw.append("$ ").append(String.join(" ", a)).append('\n').append(run).append('\n');
            block.add("$ " + shownEnv + "statestore " + masked(dir, String.join(" ", a)));
            block.add("exit " + run.exitCode());
            List<String> lines = run.out().lines().toList();
            (firstLineOnly ? lines.stream().limit(1) : lines.stream()).forEach(l -> block.add("| " + masked(dir, l)));
            if (firstLineOnly) {
                block.add("(first line only)");
            }
        }
    }
}
