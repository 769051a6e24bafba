package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A golden file of named blocks, as the contract tests ({@link JsonContractTest}, {@link TextOutputContractTest})
 * keep them: each block starts with a line {@code ### <case name>} and runs to the next such line. Normally every
 * case's block is compared with the file's; with {@value #UPDATE} set to {@code true} the file is rewritten from
 * the blocks of this run instead, in case order.
 */
final class ContractGolden {

    /** The system property that rewrites the golden files instead of comparing with them. */
    static final String UPDATE = "statestore.contract.update";

    private static final String HEADING = "### ";

    private final Path file;
    private final List<String> preamble;
    private final Map<String, String> expected;
    private final Map<String, String> actual = new LinkedHashMap<>();
    private final StringBuilder raw = new StringBuilder();

    private ContractGolden(Path file, List<String> preamble, Map<String, String> expected) {
        this.file = file;
        this.preamble = preamble;
        this.expected = expected;
    }

    /**
     * The golden file {@code src/test/resources/cli/<name>} of the source tree (not the copy on the class path, so
     * an update lands in the file that is committed); {@code preamble} heads a rewritten file.
     */
    static ContractGolden open(String name, List<String> preamble) {
        Path file = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "cli", name);
        Map<String, String> blocks = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            String current = null;
            List<String> lines = new ArrayList<>();
            for (String line : read(file)) {
                if (line.startsWith(HEADING)) {
                    if (current != null) {
                        blocks.put(current, join(lines));
                    }
                    current = line.substring(HEADING.length());
                    lines.clear();
                } else if (current != null) {
                    lines.add(line);
                }
            }
            if (current != null) {
                blocks.put(current, join(lines));
            }
        } else if (!updating()) {
            throw new AssertionError(file + " does not exist: run the test with -D" + UPDATE + "=true to write it");
        }
        return new ContractGolden(file, preamble, blocks);
    }

    static boolean updating() {
        return Boolean.getBoolean(UPDATE);
    }

    /** Compares {@code block} with the golden block of {@code name} (or keeps it for the rewrite). */
    void check(String name, String block) {
        String normal = join(block.lines().toList());
        actual.put(name, normal);
        if (updating()) {
            return;
        }
        assertTrue(expected.containsKey(name), "the golden file " + file.getFileName() + " has no block for '" + name
                + "': rerun with -D" + UPDATE + "=true if this case is new, and read the diff");
        assertEquals(expected.get(name), normal, "case '" + name + "' differs from " + file.getFileName()
                + " (rerun with -D" + UPDATE + "=true to accept a deliberate change, and read the diff)");
    }

    /** Keeps a case's whole output, written beside the build's classes when updating, to read the new file against. */
    void raw(String name, Object run) {
        raw.append(HEADING).append(name).append('\n').append(run).append('\n');
    }

    /**
     * After every case: rewrites the file when updating (only when all {@code cases} produced their block, so a
     * failing case never drops its block), else checks that the file holds no block of a removed case.
     */
    void finish(int cases) {
        if (updating()) {
            assertEquals(cases, actual.size(), "a case failed before it produced its block: " + file.getFileName()
                    + " is left as it was");
            StringBuilder text = new StringBuilder();
            preamble.forEach(l -> text.append(l).append('\n'));
            actual.forEach((name, block) -> text.append('\n').append(HEADING).append(name).append('\n')
                    .append(block).append('\n'));
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
                Path target = Path.of(System.getProperty("basedir", "."), "target");
                if (Files.isDirectory(target)) {
                    Files.writeString(target.resolve(file.getFileName() + ".raw"), raw.toString(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        List<String> stale = expected.keySet().stream().filter(n -> !actual.containsKey(n)).toList();
        assertEquals(List.of(), stale, "blocks in " + file.getFileName() + " that no case produced (rerun with -D"
                + UPDATE + "=true after removing a case)");
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines joined with newlines, without leading or trailing blank lines. */
    private static String join(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return String.join("\n", lines.subList(from, to));
    }
}
