package org.statestore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.statestore.cli.Main;

/**
 * The {@code statestore} CLI in a separate JVM, as an init container runs it: for tests that need
 * real processes (concurrency, kill -9, signals). Output goes to files so a killed process loses nothing.
 */
public final class StatestoreProcess {

    private final Process process;
    private final Path out;
    private final Path err;

    private StatestoreProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code statestore args...} with {@code env} added to this JVM's environment. */
    public static StatestoreProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("STATESTORE_LOG_FORMAT", "text");
        pb.environment().putAll(env);
        return new StatestoreProcess(pb.start(), out, err);
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the exit code; fails the test if the process does not end in time. */
    public int exitCode(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not finish within " + seconds + " s; stderr:\n" + err());
        }
        return process.exitValue();
    }

    /** Sends a signal by name ({@code TERM}, {@code INT}, {@code KILL}) with the system's kill command. */
    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    public String out() {
        return read(out);
    }

    public String err() {
        return read(err);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
