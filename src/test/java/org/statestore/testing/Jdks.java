package org.statestore.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a JDK on this machine for a server release: the test's own JVM when it fits, else the newest fitting
 * one among {@code JAVA_HOME}, {@code statestore.test.jdks} (paths separated by ':') and {@code /usr/lib/jvm/*}.
 */
public final class Jdks {

    private static final Pattern FEATURE = Pattern.compile("^JAVA_VERSION=\"?(\\d+)", Pattern.MULTILINE);

    private Jdks() {
    }

    /** The {@code java} launcher for {@code release}, or an error naming what is missing. */
    static Path javaFor(ServerRelease release) {
        return find(release.minimumJava(), release.maximumJava()).orElseThrow(() -> new IllegalStateException(
                "Neo4j " + release.version() + " needs Java " + release.minimumJava()
                        + (release.maximumJava() < Integer.MAX_VALUE ? " to " + release.maximumJava() : "+")
                        + "; none found (looked in the test JVM, JAVA_HOME, statestore.test.jdks, /usr/lib/jvm)"));
    }

    /** A java launcher whose feature release lies in [{@code min}, {@code max}]. */
    public static Optional<Path> find(int min, int max) {
        int own = Runtime.version().feature();
        Path ownJava = Path.of(System.getProperty("java.home"), "bin", "java");
        if (own >= min && own <= max) {
            return Optional.of(ownJava);
        }
        record Jdk(Path java, int feature) {
        }
        List<Jdk> fitting = new ArrayList<>();
        for (Path home : candidates()) {
            Path java = home.resolve("bin/java");
            feature(home).filter(f -> f >= min && f <= max).filter(f -> Files.isExecutable(java))
                    .ifPresent(f -> fitting.add(new Jdk(java, f)));
        }
        return fitting.stream().max(Comparator.comparingInt(Jdk::feature)).map(Jdk::java);
    }

    private static List<Path> candidates() {
        List<Path> homes = new ArrayList<>();
        Optional.ofNullable(System.getenv("JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(homes::add);
        for (String p : System.getProperty("statestore.test.jdks", "").split(":")) {
            if (!p.isBlank()) {
                homes.add(Path.of(p));
            }
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/usr/lib/jvm"))) {
            dirs.forEach(homes::add);
        } catch (IOException e) {
            // no /usr/lib/jvm here: the other candidates only
        }
        return homes;
    }

    private static Optional<Integer> feature(Path home) {
        try {
            Matcher m = FEATURE.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
