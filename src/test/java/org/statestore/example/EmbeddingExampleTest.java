package org.statestore.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statestore.testing.TestNeo4j;

@DisplayName("An application embeds the engine")
class EmbeddingExampleTest {

    @Test
    @DisplayName("a plain Java main migrates the database through the facade, and a second start applies nothing")
    void mainMigrates(@TempDir Path units) throws IOException {
        TestNeo4j neo4j = TestNeo4j.get().reset();
        Files.writeString(units.resolve("V1__App_nodes.cypher"), "CREATE (:App {name: '${app}'});\n");
        Files.writeString(units.resolve("R__App_count.cypher"), "MATCH (a:App) WITH count(a) AS n MERGE (c:AppCount) SET c.n = n;\n");
        String[] args = {neo4j.boltUri().toString(), "neo4j", "unused", units.toString()};
        EmbeddingExample.main(args);
        assertEquals(1, neo4j.count("MATCH (a:App {name: 'example'}) RETURN count(a)"));
        assertEquals(1, neo4j.count("MATCH (c:AppCount) RETURN c.n"));
        assertEquals(2, neo4j.count("MATCH (e:__StatestoreEntry {installed_by: 'embedding-example'}) RETURN count(e)"));
        EmbeddingExample.main(args);
        assertEquals(1, neo4j.count("MATCH (a:App) RETURN count(a)"));
        assertEquals(2, neo4j.count("MATCH (e:__StatestoreEntry) RETURN count(e)"));
    }
}
