package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The README documents the JSON contract the golden file pins")
class ReadmeJsonKeysTest {

    private static final Set<String> ENVELOPE = Set.of("command", "ok", "exitCode", "error");
    private static final Pattern COMMAND = Pattern.compile("^command \"([^\"]+)\", ok ");
    private static final Pattern TOP_LEVEL = Pattern.compile("^  ([A-Za-z]+): ");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9 -]+)` \\|([^|]*)\\|$");

    @Test
    @DisplayName("every command's top-level JSON keys, as run by JsonContractTest, are the README table's row for it")
    void readmeTableMatchesTheGoldenFile() throws IOException {
        assertEquals(fromGolden(), fromReadme(), "README.md's '### JSON output' table differs from "
                + "src/test/resources/cli/json-contract.txt: update the table (the golden file is what the commands print)");
    }

    private static Map<String, Set<String>> fromGolden() throws IOException {
        Map<String, Set<String>> keys = new TreeMap<>();
        String command = null;
        for (String line : Files.readAllLines(root().resolve("src/test/resources/cli/json-contract.txt"),
                StandardCharsets.UTF_8)) {
            Matcher c = COMMAND.matcher(line);
            Matcher k = TOP_LEVEL.matcher(line);
            if (c.find()) {
                command = c.group(1);
                keys.computeIfAbsent(command, x -> new TreeSet<>());
            } else if (command != null && k.find() && !ENVELOPE.contains(k.group(1))) {
                keys.get(command).add(k.group(1));
            }
        }
        assertFalse(keys.isEmpty(), "no cases in the golden file");
        return keys;
    }

    private static Map<String, Set<String>> fromReadme() throws IOException {
        String readme = Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("### JSON output");
        assertFalse(start < 0, "README.md has no '### JSON output' section");
        Map<String, Set<String>> keys = new TreeMap<>();
        for (String line : readme.substring(start).split("\n", -1)) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher row = ROW.matcher(line.strip());
            if (row.find()) {
                Set<String> fields = new TreeSet<>();
                Matcher name = Pattern.compile("`([A-Za-z]+)`").matcher(row.group(2));
                while (name.find()) {
                    fields.add(name.group(1));
                }
                keys.put(row.group(1), fields);
            }
        }
        return keys;
    }

    private static Path root() {
        return Path.of(System.getProperty("basedir", "."));
    }
}
