package org.statestore.testing;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.statestore.cli.Console;
import org.statestore.cli.Main;

/** One in-process run of the {@code statestore} command line: exit code and everything printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(Map<String, String> env, String... args) {
        return runWithInput(env, "", args);
    }

    public static CliRun runWithInput(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)), env);
        int code = new Main(console).run(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** stderr lines that are not progress logs, i.e. what an error printed. */
    public long errLines() {
        return err.lines().count();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
