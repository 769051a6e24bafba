package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.alchemiscale.internal.ReleaseTargets;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import picocli.CommandLine;

/**
 * The compose file and Kubernetes manifests under {@code deploy/}: every YAML file parses, and every command
 * line they give the statestore image parses with the CLI's own parser, so a renamed flag breaks the build
 * here and not a rollout.
 */
@DisplayName("deploy/ files")
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("deploy");

    /** Every YAML document under deploy/, by file. */
    private static final Map<Path, List<Object>> DOCUMENTS = new LinkedHashMap<>();

    @BeforeAll
    static void parseAll() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            files = walk.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            List<Object> docs = new ArrayList<>();
            for (Object doc : yaml.loadAll(Files.readString(file, StandardCharsets.UTF_8))) {
                if (doc != null) {
                    docs.add(doc);
                }
            }
            DOCUMENTS.put(file, docs);
        }
    }

    /** One statestore command line found in a file, with where it was found. */
    private record CommandLineUse(Path file, String where, List<String> args) {
    }

    @Test
    @DisplayName("every YAML file under deploy/ parses, and the compose file and the Kubernetes manifests are there")
    void everyFileParses() {
        assertTrue(DOCUMENTS.containsKey(DEPLOY.resolve("docker-compose.yml")), DOCUMENTS.keySet().toString());
        assertTrue(DOCUMENTS.keySet().stream().filter(p -> p.startsWith(DEPLOY.resolve("kubernetes"))).count() >= 4,
                DOCUMENTS.keySet().toString());
        DOCUMENTS.forEach((file, docs) -> assertFalse(docs.isEmpty(), file + " holds no document"));
    }

    @Test
    @DisplayName("every statestore command line in deploy/ parses with the CLI's own parser")
    void everyCommandLineParses() {
        List<CommandLineUse> uses = statestoreCommandLines();
        for (CommandLineUse use : uses) {
            Main main = new Main(silentConsole());
            assertDoesNotThrow(() -> main.commandLine().parseArgs(use.args().toArray(String[]::new)),
                    use.file() + " " + use.where() + ": " + use.args());
        }
        Set<String> commands = uses.stream().map(u -> String.join(" ", u.args().subList(0, 2))).collect(Collectors.toSet());
        assertEquals(Set.of("migrate up", "migrate await"), commands, "the migrate up runs and the await");
        assertEquals(4, uses.size(), "compose's one-shot service, the init container, the Job and the await: " + uses);
    }

    @Test
    @DisplayName("a misspelt flag would be caught: the parser the test uses rejects an unknown option")
    void theParserRejectsUnknownFlags() {
        Main main = new Main(silentConsole());
        assertInstanceOf(CommandLine.UnmatchedArgumentException.class, assertThrows(CommandLine.ParameterException.class,
                () -> main.commandLine().parseArgs("migrate", "up", "--wait-for-database", "5m")));
    }

    @Test
    @DisplayName("compose: the APIs wait for the one-shot migrate service to complete successfully, which waits for a healthy neo4j 5")
    void composeOrdering() {
        Map<String, Object> compose = map(DOCUMENTS.get(DEPLOY.resolve("docker-compose.yml")).get(0));
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> neo4j = map(services.get("neo4j"));
        assertTrue(String.valueOf(neo4j.get("image")).contains("neo4j:5"), "neo4j 5.x: " + neo4j.get("image"));
        assertNotNull(neo4j.get("healthcheck"), "neo4j has a healthcheck");
        Map<String, Object> migrate = map(services.get("statestore-migrate"));
        assertEquals("no", migrate.get("restart"), "the migrate service is one shot");
        assertEquals("service_healthy", map(map(migrate.get("depends_on")).get("neo4j")).get("condition"));
        List<String> apis = services.keySet().stream().filter(name -> name.startsWith("alchemiscale-")).toList();
        assertFalse(apis.isEmpty());
        for (String api : apis) {
            Map<String, Object> dependsOn = map(map(services.get(api)).get("depends_on"));
            assertEquals("service_completed_successfully", map(dependsOn.get("statestore-migrate")).get("condition"), api);
        }
        assertEquals("alchemiscale-server", compose.get("name"), "the network is the manual's alchemiscale-server_db");
        assertTrue(map(compose.get("networks")).containsKey("db"));
    }

    @Test
    @DisplayName("compose: every ${VARIABLE} without a default is in .env.example, and no password is written in the file")
    void composeSettingsComeFromEnv() throws IOException {
        String compose = Files.readString(DEPLOY.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
        Set<String> example = Files.readAllLines(DEPLOY.resolve(".env.example"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && l.contains("="))
                .map(l -> l.substring(0, l.indexOf('='))).collect(Collectors.toCollection(TreeSet::new));
        Matcher m = Pattern.compile("(?<!\\$)\\$\\{([A-Z_][A-Z0-9_]*)(:?[-?])?").matcher(compose);
        Set<String> missing = new TreeSet<>();
        while (m.find()) {
            boolean hasDefault = m.group(2) != null && m.group(2).endsWith("-");
            boolean givenOnCommandLine = m.group(1).equals("USER_ID") || m.group(1).equals("GROUP_ID");
            if (!hasDefault && !givenOnCommandLine && !example.contains(m.group(1))) {
                missing.add(m.group(1));
            }
        }
        assertEquals(Set.of(), missing, "variables compose needs that .env.example does not show");
        assertTrue(example.containsAll(Set.of("NEO4J_USER", "NEO4J_PASS", "STATESTORE_IMAGE")), example.toString());
        Map<String, Object> services = map(map(DOCUMENTS.get(DEPLOY.resolve("docker-compose.yml")).get(0)).get("services"));
        Object pass = map(map(services.get("statestore-migrate")).get("environment")).get("NEO4J_PASS");
        assertTrue(String.valueOf(pass).startsWith("${NEO4J_PASS"), "NEO4J_PASS comes from .env: " + pass);
    }

    @Test
    @DisplayName("Kubernetes: statestore containers run as 65532 without privileges and take NEO4J_PASS from the Secret")
    void kubernetesContainers() {
        Set<String> secretNames = new TreeSet<>();
        List<Map<String, Object>> statestoreContainers = new ArrayList<>();
        DOCUMENTS.forEach((file, docs) -> {
            for (Object doc : docs) {
                Map<String, Object> resource = map(doc);
                if ("Secret".equals(resource.get("kind"))) {
                    secretNames.add(String.valueOf(map(resource.get("metadata")).get("name")));
                    assertTrue(map(resource.get("stringData")).containsKey("NEO4J_PASS"), file.toString());
                }
                podSpec(resource).ifPresent(spec -> {
                    for (Map<String, Object> c : containers(spec)) {
                        if (isStatestore(c.get("image"))) {
                            statestoreContainers.add(c);
                        }
                    }
                });
            }
        });
        assertEquals(Set.of("statestore-neo4j"), secretNames);
        assertEquals(3, statestoreContainers.size(), "the init container, the Job and the await");
        for (Map<String, Object> c : statestoreContainers) {
            String name = String.valueOf(c.get("name"));
            assertFalse(c.containsKey("command"), name + ": the image's entrypoint is the CLI; only args are given");
            Map<String, Object> security = map(c.get("securityContext"));
            assertEquals(Boolean.TRUE, security.get("runAsNonRoot"), name);
            assertEquals(65532, security.get("runAsUser"), name);
            assertEquals(Boolean.FALSE, security.get("allowPrivilegeEscalation"), name);
            Map<String, Object> pass = list(c.get("env")).stream().map(DeployFilesTest::map)
                    .filter(e -> "NEO4J_PASS".equals(e.get("name"))).findFirst().orElseThrow();
            assertFalse(pass.containsKey("value"), name + ": NEO4J_PASS is not written in the manifest");
            assertEquals("statestore-neo4j", map(map(pass.get("valueFrom")).get("secretKeyRef")).get("name"), name);
        }
    }

    @Test
    @DisplayName("Kubernetes: the API Deployment runs migrate up as an init container; the Job variant's API awaits 0.4.0 for 10m")
    void kubernetesShapes() {
        List<CommandLineUse> uses = statestoreCommandLines();
        assertTrue(uses.stream().anyMatch(u -> u.file().endsWith(Path.of("init-container", "api.yaml"))
                && u.where().startsWith("Deployment") && u.where().contains("initContainers")
                && u.args().subList(0, 2).equals(List.of("migrate", "up"))), uses.toString());
        assertTrue(uses.stream().anyMatch(u -> u.where().startsWith("Job")
                && u.args().subList(0, 2).equals(List.of("migrate", "up"))), uses.toString());
        assertTrue(uses.stream().anyMatch(u -> u.where().startsWith("Deployment") && u.where().contains("initContainers")
                && u.args().equals(List.of("migrate", "await", "--version", "0.4.0", "--timeout", "10m"))), uses.toString());
    }

    @Test
    @DisplayName("every migrate up in deploy/ pins --target to the release line of the alchemiscale image it starts")
    void migrateUpPinsTheTarget() throws IOException {
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DEPLOY.resolve(".env.example"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && line.contains("=")) {
                example.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        List<CommandLineUse> ups = statestoreCommandLines().stream()
                .filter(u -> u.args().subList(0, 2).equals(List.of("migrate", "up"))).toList();
        assertEquals(3, ups.size(), ups.toString());
        for (CommandLineUse up : ups) {
            int at = up.args().indexOf("--target");
            assertTrue(at > 0, up + " pins no --target");
            String target = up.args().get(at + 1);
            // compose takes both from .env: the example must pair them; Kubernetes names the image in its directory.
            String image;
            if (target.startsWith("${STATESTORE_TARGET")) {
                target = example.get("STATESTORE_TARGET");
                image = example.get("ALCHEMISCALE_DOCKER_IMAGE");
            } else {
                image = apiImage(up.file().getParent());
            }
            String release = image.substring(image.lastIndexOf(":v") + 2);
            String expected = ReleaseTargets.forRelease(org.statestore.migrate.Version.parse(release)).orElseThrow()
                    .target().text();
            assertEquals(expected, target, up.file() + " starts " + image);
        }
    }

    /** The alchemiscale server image of the Kubernetes manifests in {@code dir}. */
    private static String apiImage(Path dir) {
        List<String> images = new ArrayList<>();
        DOCUMENTS.forEach((file, docs) -> {
            if (file.getParent().equals(dir)) {
                for (Object doc : docs) {
                    podSpec(map(doc)).ifPresent(spec -> list(spec.getOrDefault("containers", List.of())).forEach(c -> {
                        Object image = map(c).get("image");
                        if (String.valueOf(image).contains("alchemiscale-server")) {
                            images.add(String.valueOf(image));
                        }
                    }));
                }
            }
        });
        assertEquals(1, images.size(), dir + ": " + images);
        return images.get(0);
    }

    // ---- finding the command lines

    private static List<CommandLineUse> statestoreCommandLines() {
        List<CommandLineUse> uses = new ArrayList<>();
        DOCUMENTS.forEach((file, docs) -> {
            for (Object doc : docs) {
                Map<String, Object> root = map(doc);
                if (root.containsKey("services")) {
                    map(root.get("services")).forEach((name, service) -> {
                        Map<String, Object> s = map(service);
                        if (isStatestore(s.get("image"))) {
                            uses.add(new CommandLineUse(file, "service " + name, args(s.get("command"))));
                        }
                    });
                }
                podSpec(root).ifPresent(spec -> {
                    for (String kind : List.of("initContainers", "containers")) {
                        for (Object c : list(spec.getOrDefault(kind, List.of()))) {
                            Map<String, Object> container = map(c);
                            if (isStatestore(container.get("image"))) {
                                uses.add(new CommandLineUse(file, root.get("kind") + " " + kind + " "
                                        + container.get("name"), args(container.get("args"))));
                            }
                        }
                    }
                });
            }
        });
        return uses;
    }

    private static Optional<Map<String, Object>> podSpec(Map<String, Object> resource) {
        Object kind = resource.get("kind");
        if ("Deployment".equals(kind) || "Job".equals(kind) || "StatefulSet".equals(kind) || "DaemonSet".equals(kind)) {
            return Optional.of(map(map(map(resource.get("spec")).get("template")).get("spec")));
        }
        if ("Pod".equals(kind)) {
            return Optional.of(map(resource.get("spec")));
        }
        return Optional.empty();
    }

    private static List<Map<String, Object>> containers(Map<String, Object> spec) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String kind : List.of("initContainers", "containers")) {
            list(spec.getOrDefault(kind, List.of())).forEach(c -> all.add(map(c)));
        }
        return all;
    }

    private static boolean isStatestore(Object image) {
        return image != null && String.valueOf(image).contains("statestore");
    }

    /** A compose command (list, or string split as compose splits it on spaces) or Kubernetes args. */
    private static List<String> args(Object command) {
        assertNotNull(command, "a statestore container without a command line");
        if (command instanceof String s) {
            return List.of(s.strip().split("\\s+"));
        }
        return list(command).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertInstanceOf(Map.class, o, "expected a mapping, found " + o);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertInstanceOf(List.class, o, "expected a list, found " + o);
        return (List<Object>) o;
    }

    private static Console silentConsole() {
        return new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0]), Map.of());
    }
}
