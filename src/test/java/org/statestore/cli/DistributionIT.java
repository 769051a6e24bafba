package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.testing.SharedFixtures;
import org.statestore.testing.TestNeo4j;

/**
 * The packaged distribution as bin/statestore and the image run it: {@code target/statestore.jar}, the client's
 * jars in {@code target/lib} (the jar's class path) and the embedded Neo4j's in {@code target/lib/embedded},
 * which a command loads in a class loader of its own only when it starts the embedded store. Runs after
 * {@code package} (failsafe), in separate JVMs.
 */
@DisplayName("The packaged distribution (target/statestore.jar and target/lib)")
class DistributionIT {

    private static final Path JAR = Path.of(System.getProperty("statestore.test.jar", "target/statestore.jar"));
    private static final Path LIB = JAR.toAbsolutePath().getParent().resolve("lib");

    @TempDir
    Path work;

    @Test
    @DisplayName("its jar's class path names only the client's jars, all present; the server's are in lib/embedded")
    void classPathHoldsTheClientOnly() throws IOException {
        List<String> classPath;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            classPath = Arrays.asList(jar.getManifest().getMainAttributes().getValue("Class-Path").split(" "));
        }
        assertTrue(classPath.stream().anyMatch(e -> e.startsWith("lib/neo4j-java-driver-")), classPath.toString());
        for (String entry : classPath) {
            assertTrue(Files.isRegularFile(LIB.getParent().resolve(entry)), entry + " is missing");
            assertFalse(entry.startsWith("lib/embedded/") || entry.contains("neo4j-kernel"), entry);
        }
        try (Stream<Path> embedded = Files.list(LIB.resolve("embedded"))) {
            assertTrue(embedded.anyMatch(f -> f.getFileName().toString().startsWith("neo4j-kernel-")));
        }
    }

    @Test
    @DisplayName("its picocli is compiled for Java 17, so class sharing and the AOT cache can hold it")
    void picocliIsRelease17() throws IOException {
        Path picocli;
        try (Stream<Path> jars = Files.list(LIB)) {
            picocli = jars.filter(f -> f.getFileName().toString().startsWith("picocli-")).findFirst().orElseThrow();
        }
        try (JarFile jar = new JarFile(picocli.toFile());
             InputStream in = jar.getInputStream(jar.getEntry("picocli/CommandLine.class"))) {
            DataInputStream data = new DataInputStream(in);
            assertEquals(0xCAFEBABE, data.readInt());
            data.readUnsignedShort();
            assertEquals(61, data.readUnsignedShort(), "class file major version");
        }
    }

    @Test
    @DisplayName("runs the main job on the embedded default, the server's classes loaded from lib/embedded")
    void mainJobOnTheEmbeddedDefault() throws Exception {
        Path log = work.resolve("classes.log");
        Run run = run(Map.of(), "-Xlog:class+load=info:file=" + log, "migrate", "up", "--data-dir",
                work.resolve("store").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("database is at version 0.7.1"), run.out());
        String loaded = Files.readString(log);
        assertTrue(loaded.contains("lib/embedded/neo4j-kernel-"), "the kernel came from lib/embedded");
    }

    @Test
    @DisplayName("against a server it loads none of the embedded server's classes")
    void aServerCommandLoadsNoServerClasses() throws Exception {
        TestNeo4j neo4j = TestNeo4j.get().reset();
        Path log = work.resolve("classes.log");
        Run run = run(neo4j.env(), "-Xlog:class+load=info:file=" + log, "migrate", "up");
        assertEquals(0, run.code(), run.err());
        assertFalse(Files.readString(log).contains("lib/embedded/"));
        assertTrue(neo4j.count("MATCH (e:__StatestoreEntry {state: 'success'}) RETURN count(e)") > 0);
    }

    @Test
    @DisplayName("--version names the embedded Neo4j it would start")
    void versionNamesTheEmbeddedNeo4j() throws Exception {
        Run run = run(Map.of(), null, "--version");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("embedded Neo4j 5\\.\\d+\\.\\d+")), run.out());
    }

    @Test
    @DisplayName("upgrade check reads a genuine 4.4 dump with the embedded server's admin tool")
    void upgradeCheckUsesTheAdminTool() throws Exception {
        Path dump = Files.copy(SharedFixtures.fixture("alchemiscale-v0.3-neo4j-4.4.dump"), work.resolve("old.dump"));
        Run run = run(Map.of(), null, "upgrade", "check", "--from-dump", dump.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("identities:"), run.out());
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> env, String jvmFlag, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        if (jvmFlag != null) {
            command.add(jvmFlag);
        }
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("NEO4J_URL");
        pb.environment().put("STATESTORE_LOG_FORMAT", "text");
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("statestore " + String.join(" ", args) + " did not finish in 300 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
