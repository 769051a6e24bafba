package org.statestore.backup.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.statestore.cli.Main;

/**
 * One run of the {@code statestore} CLI in its own JVM with a small, fixed heap and its own temporary
 * directory (as {@link org.statestore.testing.StatestoreProcess} starts it, plus {@code -Xmx} and
 * {@code java.io.tmpdir}), so a test can show a command stays within that heap and leaves no temporary
 * files behind.
 */
record ChildCli(int exitCode, String out, String err, Duration elapsed) {

    static final String HEAP = "-Xmx256m";

    static ChildCli run(Path tmpDir, Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.io.tmpdir=" + tmpDir,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path logs = Files.createTempDirectory("child-cli-logs");
        Path out = logs.resolve("out.txt");
        Path err = logs.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("STATESTORE_LOG_FORMAT", "text");
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("statestore " + String.join(" ", args) + " did not finish within " + timeout
                        + "; stderr:\n" + Files.readString(err));
            }
            return new ChildCli(p.exitValue(), Files.readString(out), Files.readString(err),
                    Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(logs);
        }
    }

    /** Lines on stderr. */
    long errLines() {
        return err.lines().count();
    }

    /** Anything that looks like a Java stack trace or an uncaught error. */
    boolean stackTrace() {
        String all = out + err;
        return all.contains("\tat ") || all.contains("Exception in thread") || all.contains("OutOfMemoryError")
                || all.contains("internal error");
    }

    @Override
    public String toString() {
        return "exit " + exitCode + " in " + elapsed.toMillis() + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
