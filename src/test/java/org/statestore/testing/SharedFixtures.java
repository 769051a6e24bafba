package org.statestore.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the project's shared, read-only fixtures (the genuine Neo4j 4.4 dump), which live in
 * {@code ../shared/fixtures} beside the working copy rather than in the repository. A clean clone made
 * elsewhere ({@code git clone . "$(mktemp -d)"}) still finds them beside the repository it was cloned
 * from; {@code STATESTORE_SHARED_DIR} overrides both.
 */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    /** The fixture file called {@code name}, or a description of every place that was looked at. */
    public static Path fixture(String name) {
        List<Path> tried = new ArrayList<>();
        for (Path shared : candidates()) {
            Path file = shared.resolve("fixtures").resolve(name).toAbsolutePath().normalize();
            if (Files.isRegularFile(file)) {
                return file;
            }
            tried.add(file);
        }
        throw new AssertionError("the shared fixture " + name + " was not found; looked at " + tried
                + " (set STATESTORE_SHARED_DIR to the folder holding fixtures/)");
    }

    private static List<Path> candidates() {
        List<Path> dirs = new ArrayList<>();
        Optional.ofNullable(System.getenv("STATESTORE_SHARED_DIR")).filter(s -> !s.isBlank()).map(Path::of)
                .ifPresent(dirs::add);
        dirs.add(Path.of("..", "shared"));
        originRepository().ifPresent(origin -> dirs.add(origin.resolve("..").resolve("shared")));
        return dirs;
    }

    /** The local repository this working copy was cloned from, if it was cloned from a path on this machine. */
    private static Optional<Path> originRepository() {
        try {
            Process git = new ProcessBuilder("git", "config", "--get", "remote.origin.url")
                    .redirectErrorStream(true).start();
            String url = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0 || url.isEmpty()) {
                return Optional.empty();
            }
            Path origin = url.startsWith("file:") ? Path.of(URI.create(url)) : Path.of(url);
            return origin.isAbsolute() && Files.isDirectory(origin) ? Optional.of(origin) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
