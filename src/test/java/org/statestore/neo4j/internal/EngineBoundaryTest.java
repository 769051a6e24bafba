package org.statestore.neo4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The distribution loads the embedded Neo4j in a class loader of its own, so a class outside the engine package
 * that names one of Neo4j's server classes would work in tests (where Neo4j is on the class path) and fail in
 * the distribution. These tests hold the boundary.
 */
@DisplayName("The embedded Neo4j's boundary")
class EngineBoundaryTest {

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path ENGINE = MAIN.resolve(Path.of("org", "statestore", "neo4j", "internal", "engine"));
    /** A Neo4j package that is not the driver's or its Bolt connection's. */
    private static final Pattern SERVER_CLASS = Pattern.compile("\\borg\\.neo4j\\.(?!driver\\.|bolt\\.)[a-z]");
    /** The one name EngineLoader probes for, as a string, without loading it. */
    private static final String PROBE = "\"org.neo4j.dbms.api.DatabaseManagementService\"";

    @Test
    @DisplayName("only the engine package names Neo4j's server classes")
    void onlyTheEngineNamesServerClasses() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> !f.startsWith(ENGINE))
                    .flatMap(EngineBoundaryTest::serverReferences).toList();
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    @DisplayName("the engine package does name them (the check above looks where it should)")
    void theEngineDoesNameThem() throws IOException {
        assertFalse(serverReferences(ENGINE.resolve("CommunityEngine.java")).toList().isEmpty());
    }

    @Test
    @DisplayName("with Neo4j on the class path the engine loads from it and reports its version")
    void engineFromTheClassPath() {
        assertTrue(EngineLoader.available());
        assertEquals(getClass().getClassLoader(), EngineLoader.engine().getClass().getClassLoader());
        assertTrue(EngineLoader.engine().version().matches("5\\.\\d+\\.\\d+.*"), EngineLoader.engine().version());
    }

    private static Stream<String> serverReferences(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return Stream.iterate(0, i -> i < lines.size(), i -> i + 1)
                    .filter(i -> SERVER_CLASS.matcher(lines.get(i).replace(PROBE, "")).find())
                    .map(i -> file + ":" + (i + 1) + ": " + lines.get(i).strip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
