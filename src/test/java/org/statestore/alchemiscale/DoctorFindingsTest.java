package org.statestore.alchemiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.testing.CliRun;
import org.statestore.testing.TestNeo4j;

@DisplayName("statestore database doctor finds what an alchemiscale release cannot read and names the fix")
class DoctorFindingsTest {

    private final TestNeo4j neo4j = TestNeo4j.get();

    @TempDir
    Path units;

    @BeforeEach
    void emptyDatabase() {
        neo4j.reset();
    }

    private CliRun cli(String... args) {
        return CliRun.run(neo4j.env(), args);
    }

    private void ok(String... args) {
        CliRun run = cli(args);
        assertEquals(0, run.exitCode(), run::toString);
    }

    /** The doctor's findings as JSON objects, after checking the envelope. */
    private List<JsonNode> findings(int exitCode, String... releaseArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("database", "doctor", "--output", "json"));
        args.addAll(List.of(releaseArgs));
        CliRun run = cli(args.toArray(String[]::new));
        assertEquals(exitCode, run.exitCode(), run::toString);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals("database doctor", doc.get("command").asText());
        assertEquals(exitCode, doc.get("exitCode").asInt());
        List<JsonNode> list = new ArrayList<>();
        doc.get("findings").forEach(list::add);
        return list;
    }

    private static List<String> kinds(List<JsonNode> findings) {
        return findings.stream().map(f -> f.get("kind").asText()).toList();
    }

    @Test
    @DisplayName("a clean, fully migrated store with v0.7.2 registrations passes for 0.7.2 and next (exit 0), "
            + "naming the release")
    void cleanStorePasses() throws IOException {
        ok("migrate", "up");
        String svc = ComputeServices.newForm("gpu_node.7");
        ComputeServices.v07Registration(neo4j, svc);
        ComputeServices.claimedTask(neo4j, svc, "Task-1", "running");
        ComputeServices.identity(neo4j, "CredentialedUserIdentity", "alice");

        CliRun run = cli("database", "doctor");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("ok: alchemiscale v0.7.2 can read this database; no findings", run.out().strip());
        assertEquals(List.of(), findings(0, "--release", "next"));
        CliRun json = cli("database", "doctor", "--output", "json");
        assertTrue(json.out().contains("\"release\" : \"0.7.2\""), json::toString);
    }

    @Test
    @DisplayName("right after database init nothing is wrong for 0.7.2: pending units are not findings")
    void pendingIsNotAFinding() throws IOException {
        ok("database", "init");

        assertEquals(List.of(), findings(0));
    }

    @Test
    @DisplayName("old-form compute service identifiers are a finding for next only; expire-registrations "
            + "--nonconforming, its fix, clears it")
    void oldFormIdentifiers() throws IOException {
        ok("migrate", "up");
        String old1 = ComputeServices.oldForm("compute-svc");
        String old2 = ComputeServices.oldForm("worker");
        ComputeServices.v07Registration(neo4j, old1);
        ComputeServices.v07Registration(neo4j, old2);
        ComputeServices.v07Registration(neo4j, ComputeServices.newForm("worker"));

        assertEquals(List.of(), findings(0, "--release", "0.7.2"));
        List<JsonNode> next = findings(6, "--release", "next");

        assertEquals(List.of("compute-service-id"), kinds(next));
        assertEquals(2, next.get(0).get("count").asLong());
        String problem = next.get(0).get("problem").asText();
        assertTrue(problem.startsWith("2 compute service registration(s) with an identifier alchemiscale after v0.7.2 "
                + "rejects (not {name}-{32 hex digits}), e.g. "), problem);
        assertTrue(problem.contains("\"" + old1 + "\" (7 parts between '-', not 2)")
                && problem.contains("\"" + old2 + "\" (6 parts between '-', not 2)"), problem);
        assertEquals("drain compute services, then statestore database expire-registrations --nonconforming",
                next.get(0).get("fix").asText());
        CliRun text = cli("database", "doctor", "--release", "next");
        assertTrue(text.out().startsWith("alchemiscale next (unreleased main, after v0.7.2): 1 finding(s)\n"), text::toString);
        assertTrue(text.err().contains("statestore: database doctor: 1 finding(s) for alchemiscale next"), text::toString);

        ok("database", "expire-registrations", "--nonconforming");

        assertEquals(List.of(), findings(0, "--release", "next"));
    }

    @Test
    @DisplayName("a store stopped at 0.4.0 with a v0.6 server's data: fine for 0.6.2; for 0.7.2 LocalDateTime values "
            + "and no failure_times, fixed by migrate up")
    void v06DataForV07() throws IOException {
        ok("migrate", "up", "--target", "0.4.0");
        String svc = ComputeServices.newForm("svc");
        ComputeServices.v06Registration(neo4j, svc);
        ComputeServices.v06ClaimedTask(neo4j, svc, "Task-1");
        ComputeServices.v06ClaimedTask(neo4j, svc, "Task-2");

        assertEquals(List.of(), findings(0, "--release", "0.6.2"));
        List<JsonNode> v07 = findings(6);

        assertEquals(List.of("local-times", "local-times", "local-times", "local-times", "failure-times"), kinds(v07));
        assertEquals(List.of("1 LocalDateTime value(s) of ComputeServiceRegistration.heartbeat",
                        "1 LocalDateTime value(s) of ComputeServiceRegistration.registered",
                        "2 LocalDateTime value(s) of CLAIMS.claimed", "2 LocalDateTime value(s) of Task.datetime_created"),
                v07.subList(0, 4).stream().map(f -> f.get("problem").asText().split(":")[0]).toList());
        assertEquals(List.of(1L, 1L, 2L, 2L, 1L), v07.stream().map(f -> f.get("count").asLong()).toList());
        assertTrue(v07.subList(0, 4).stream().allMatch(f -> f.get("fix").asText()
                .equals("statestore migrate up (unit 0.7.0)")), v07::toString);
        assertEquals("statestore migrate up (unit 0.7.1)", v07.get(4).get("fix").asText());

        ok("migrate", "up");

        assertEquals(List.of(), findings(0));
    }

    @Test
    @DisplayName("data a pre-v0.7 server wrote after 0.7.x ran: the fix undoes the unit first, and works")
    void dataWrittenAfterTheUnitRan() throws IOException {
        ok("migrate", "up");
        ComputeServices.v06Registration(neo4j, ComputeServices.newForm("late"));

        List<JsonNode> found = findings(6);

        assertEquals(List.of("local-times", "local-times", "failure-times"), kinds(found));
        assertEquals("unit 0.7.0 already ran, so statestore migrate up alone skips it: statestore migrate undo --to "
                + "0.4.0, then statestore migrate up", found.get(0).get("fix").asText());
        assertEquals("unit 0.7.1 already ran, so statestore migrate up alone skips it: statestore migrate undo --to "
                + "0.7.0, then statestore migrate up", found.get(2).get("fix").asText());

        ok("migrate", "undo", "--to", "0.4.0");
        ok("migrate", "up");

        assertEquals(List.of(), findings(0));
    }

    @Test
    @DisplayName("zoned times are a finding for 0.6.2 (dead services would never expire); undo --to 0.4.0 fixes them")
    void zonedTimesForV06() throws IOException {
        V03Stores.seed(neo4j, 2);
        ok("migrate", "up");
        long heartbeats = neo4j.count("MATCH (c:ComputeServiceRegistration) WHERE c.heartbeat IS :: ZONED DATETIME "
                + "NOT NULL RETURN count(c)");
        long claims = neo4j.count("MATCH ()-[r:CLAIMS]->() RETURN count(r)");
        long tasks = neo4j.count("MATCH (t:Task) RETURN count(t)");

        assertEquals(List.of(), findings(0, "--release", "0.7.2"));
        List<JsonNode> v06 = findings(6, "--release", "0.6.2");

        assertEquals(List.of("zoned-times", "zoned-times", "zoned-times", "zoned-times"), kinds(v06));
        assertEquals(List.of(heartbeats, heartbeats, claims, tasks), v06.stream().map(f -> f.get("count").asLong()).toList());
        assertTrue(v06.get(0).get("problem").asText().endsWith("releases before v0.7 compare them with "
                + "localdatetime(...), and the comparison is null (dead compute services never expire)"), v06::toString);
        assertTrue(v06.stream().allMatch(f -> f.get("fix").asText().equals("statestore migrate undo --to 0.4.0")),
                v06::toString);
        CliRun text = cli("database", "doctor", "--release", "0.6.2");
        assertTrue(text.out().startsWith("alchemiscale v0.6.2: 4 finding(s)\n"), text::toString);

        ok("migrate", "undo", "--to", "0.4.0");

        assertEquals(List.of(), findings(0, "--release", "0.6.2"));
    }

    @Test
    @DisplayName("unmarked networks are a finding for v0.4+ but not v0.3; migrate up --target 0.4.0 marks them")
    void unmarkedNetworks() throws IOException {
        V03Stores.seed(neo4j, 3);

        assertEquals(List.of(), findings(0, "--release", "0.3.0"));
        List<JsonNode> v06 = findings(6, "--release", "0.6.2");

        assertEquals(List.of("unmarked-networks"), kinds(v06));
        assertEquals(3, v06.get(0).get("count").asLong());
        assertEquals("3 AlchemicalNetwork(s) without a NetworkMark: v0.4+ reads each network's state from its mark",
                v06.get(0).get("problem").asText());
        assertEquals("statestore migrate up --target 0.4.0 (unit 0.4.0)", v06.get(0).get("fix").asText());

        ok("migrate", "up", "--target", "0.4.0");

        assertEquals(List.of(), findings(0, "--release", "0.6.2"));
        neo4j.query("CREATE (:GufeTokenizable:AlchemicalNetwork {_scoped_key: 'AlchemicalNetwork-late-o-c-p'})");
        List<JsonNode> late = findings(6, "--release", "0.6.2");
        assertEquals("unit 0.4.0 already ran, so statestore migrate up --target 0.4.0 alone skips it: statestore "
                + "migrate undo --to 0.3.0 (which also deletes the existing marks, and so their states), then "
                + "statestore migrate up --target 0.4.0", late.get(0).get("fix").asText());
    }

    @Test
    @DisplayName("identities /token cannot match (a ', a \\, empty) are findings, shown safely, and the printed "
            + "remove command names them exactly")
    void identities() throws Exception {
        ok("migrate", "up");
        ComputeServices.identity(neo4j, "CredentialedUserIdentity", "o'brien");
        ComputeServices.identity(neo4j, "CredentialedComputeIdentity", "back\\slash");
        ComputeServices.identity(neo4j, "CredentialedUserIdentity", "");
        ComputeServices.identity(neo4j, "CredentialedUserIdentity", "x'\u001b[2J\ny");
        ComputeServices.identity(neo4j, "CredentialedUserIdentity", "alice");

        CliRun run = cli("database", "doctor");

        assertEquals(6, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals(5, lines.size(), run::toString);
        assertEquals("alchemiscale v0.7.2: 4 finding(s)", lines.get(0));
        assertEquals("user identity with an empty identifier can never log in: alchemiscale's /token form takes an "
                + "empty username for a missing one; fix: statestore identity remove -t user -i '' --yes, then add it "
                + "again under a plain identifier (statestore identity add -t user -i NEW_ID ...)", lines.get(1));
        assertEquals("user identity \"o'brien\" can never log in: alchemiscale's /token lookup pastes the identifier "
                + "into a quoted Cypher string, which its ' breaks (HTTP 500); fix: statestore identity remove -t user "
                + "-i 'o'\\''brien' --yes, then add it again under a plain identifier (statestore identity add -t user "
                + "-i NEW_ID ...)", lines.get(2));
        assertTrue(lines.get(3).startsWith("user identity \"x'\\u001b[2J\\ny\" can never log in"), lines.get(3));
        assertTrue(lines.get(3).contains("-i $'x\\'\\u001b[2J\\ny' --yes"), lines.get(3));
        assertTrue(lines.get(4).startsWith("compute identity \"back\\\\slash\" can never log in: alchemiscale's /token "
                + "lookup pastes the identifier into a quoted Cypher string, which its \\ breaks (HTTP 500); fix: "
                + "statestore identity remove -t compute -i 'back\\slash' --yes"), lines.get(4));

        // A shell reads each printed identifier back as the stored one.
        assertEquals("o'brien", shell("'o'\\''brien'"));
        assertEquals("x'\u001b[2J\ny", shell("$'x\\'\\u001b[2J\\ny'"));
        assertEquals("back\\slash", shell("'back\\slash'"));

        ok("identity", "remove", "-t", "user", "-i", "o'brien", "--yes");
        ok("identity", "remove", "-t", "compute", "-i", "back\\slash", "--yes");
        neo4j.query("MATCH (n:CredentialedUserIdentity) WHERE n.identifier <> 'alice' DELETE n");

        assertEquals(List.of(), findings(0));
    }

    /** What bash makes of {@code word}: the argument a pasted command would pass. */
    private static String shell(String word) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "printf %s " + word).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        return out;
    }

    @Test
    @DisplayName("statestore's history: a broken chain, a failed, an edited, a running and an unknown unit, each "
            + "with its fix")
    void history() throws IOException {
        Path extra = Files.createDirectory(units.resolve("extra"));
        Path tag = extra.resolve("V0_5_0__Tag.cypher");
        Files.writeString(tag, "MATCH (n:Marker) SET n.tagged = true;\n");
        Files.writeString(extra.resolve("V0_9_0__Later.cypher"), "MATCH (n:Marker) SET n.later = true;\n");
        ok("migrate", "up", "--location", extra.toString());
        Files.writeString(extra.resolve("V0_9_1__Broken.cypher"), "UNWIND [0] AS z RETURN 1 / z;\n");
        assertEquals(7, cli("migrate", "up", "--location", extra.toString()).exitCode());
        Files.writeString(tag, "MATCH (n:Marker) SET n.tagged = 1;\n");

        List<JsonNode> found = findings(6, "--location", extra.toString());

        assertEquals(List.of("unit-edited", "unit-failed"), kinds(found));
        assertTrue(found.get(0).get("problem").asText().startsWith("unit 0.5.0 Tag changed since it was applied"),
                found::toString);
        assertEquals("statestore migrate repair --accept-checksum 0.5.0 (when the edit is intended; else restore the "
                + "unit as applied)", found.get(0).get("fix").asText());
        assertTrue(found.get(1).get("problem").asText().startsWith("unit 0.9.1 Broken failed: "), found::toString);
        assertEquals("fix its cause, then statestore migrate repair, then statestore migrate up",
                found.get(1).get("fix").asText());

        List<JsonNode> bundledOnly = findings(6);
        assertEquals(List.of("unit-missing", "unit-missing", "unit-failed"), kinds(bundledOnly));
        assertEquals("statestore migrate repair --forget 0.5.0 (when it was deleted on purpose), or run the statestore "
                + "that ships it", bundledOnly.get(0).get("fix").asText());
        assertEquals("unit 0.9.0 Later was applied by a newer statestore: this one cannot tell what it changed",
                bundledOnly.get(1).get("problem").asText());
        assertEquals("run statestore database doctor from a statestore release that ships unit 0.9.0",
                bundledOnly.get(1).get("fix").asText());
        assertTrue(bundledOnly.get(2).get("fix").asText().startsWith("statestore migrate repair --forget 0.9.1"),
                bundledOnly::toString);

        neo4j.query("MATCH (e:__StatestoreEntry {version: '0.7.1'}) SET e.state = 'running'");
        List<JsonNode> running = findings(6, "--location", extra.toString());
        assertTrue(kinds(running).contains("unit-running"), running::toString);
        assertEquals("statestore migrate up (waits for the migration lock, then reruns it)",
                running.get(kinds(running).indexOf("unit-running")).get("fix").asText());

        neo4j.query("MATCH (e:__StatestoreEntry {seq: 2}) DETACH DELETE e");
        List<JsonNode> broken = findings(6, "--location", extra.toString());
        assertEquals("history-chain", broken.get(0).get("kind").asText());
        assertTrue(broken.get(0).get("problem").asText().startsWith("history chain broken: "), broken::toString);
        assertEquals("restore a backup taken before the damage (statestore backup restore FILE --replace --yes)",
                broken.get(0).get("fix").asText());
    }

    @Test
    @DisplayName("alchemiscale's check is part of the doctor: an extra constraint is a finding with its fix")
    void constraints() throws IOException {
        ok("migrate", "up");
        neo4j.query("CREATE CONSTRAINT task_key FOR (t:Task) REQUIRE t._gufe_key IS UNIQUE");

        List<JsonNode> found = findings(6, "--release", "0.6.2");

        assertEquals(List.of("constraint"), kinds(found));
        assertEquals("run DROP CONSTRAINT `task_key` (cypher-shell)", found.get(0).get("fix").asText());
    }

    @Test
    @DisplayName("a --release that is not an alchemiscale release is refused with exit 2 and one line")
    void badRelease() {
        for (String bad : List.of("latest", "0.0.1", "7.x")) {
            CliRun run = cli("database", "doctor", "--release", bad);
            assertEquals(2, run.exitCode(), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
            assertEquals("", run.out());
        }
    }
}
