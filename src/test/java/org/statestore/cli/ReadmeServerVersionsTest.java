package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.testing.TestedServers;

@DisplayName("README's table of tested Neo4j versions lists exactly the versions the version tests start")
class ReadmeServerVersionsTest {

    @Test
    @DisplayName("the rows after the tested-versions marker name the tested versions, oldest first")
    void tableMatchesTheTests() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        int marker = -1;
        for (int i = 0; i < readme.size(); i++) {
            if (readme.get(i).startsWith("<!-- tested-versions")) {
                marker = i;
            }
        }
        assertTrue(marker >= 0, "README has the tested-versions marker");
        List<String> versions = readme.subList(marker + 3, readme.size()).stream()
                .takeWhile(l -> l.startsWith("|"))
                .map(l -> l.split("\\|")[1].strip())
                .toList();
        assertEquals(TestedServers.all(), versions);
    }
}
