package org.statestore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.statestore.identity.ApiKey;
import org.statestore.identity.KeyRejectedException;

import picocli.CommandLine.Option;

/**
 * Where an identity's key comes from: {@code --key-file}, {@code --key-stdin}, {@code STATESTORE_KEY}, or
 * {@code -k} (the manual's flag, which leaves the key in the process list, so it draws a warning).
 */
final class IdentityKeyOptions {

    static final String KEY_ENV = "STATESTORE_KEY";

    @Option(names = {"-k", "--key"}, paramLabel = "KEY",
            description = "The key (visible to other users in the process list: prefer --key-file, --key-stdin "
                    + "or STATESTORE_KEY).")
    String key;

    @Option(names = "--key-file", paramLabel = "FILE", description = "Read the key from the first line of FILE.")
    Path keyFile;

    @Option(names = "--key-stdin", description = "Read the key from the first line of standard input "
            + "(asked for without echo on a terminal).")
    boolean keyStdin;

    /** The key given, if any, checked against alchemiscale's limits; flags win over {@code STATESTORE_KEY}. */
    Optional<ApiKey> read(Console console, Terminal terminal) {
        int given = (key != null ? 1 : 0) + (keyFile != null ? 1 : 0) + (keyStdin ? 1 : 0);
        if (given > 1) {
            throw new UsageException("give the key only one way: -k/--key, --key-file or --key-stdin");
        }
        Optional<String> text;
        if (key != null) {
            console.warn("a key given with -k/--key is visible to other users in the process list; "
                    + "prefer --key-file FILE, --key-stdin or the " + KEY_ENV + " variable");
            text = Optional.of(key);
        } else if (keyFile != null) {
            text = Optional.of(fromFile(keyFile));
        } else if (keyStdin) {
            text = Optional.of(fromStdin(console, terminal));
        } else {
            text = console.env(KEY_ENV);
        }
        try {
            return text.map(ApiKey::of);
        } catch (KeyRejectedException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The usage error of a command that needs a key and was given none. */
    static UsageException noKeyGiven() {
        return new UsageException("no key given: use --key-stdin, --key-file FILE, the " + KEY_ENV
                + " variable or -k KEY");
    }

    private static String fromFile(Path file) {
        try {
            String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (first.isEmpty()) {
                throw new UsageException("--key-file " + file + " holds no key on its first line");
            }
            return first;
        } catch (NoSuchFileException e) {
            throw new UsageException("--key-file " + file + " does not exist");
        } catch (IOException e) {
            throw new UsageException("cannot read --key-file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static String fromStdin(Console console, Terminal terminal) {
        if (terminal.interactive()) {
            char[] typed = terminal.readSecret("Key: ").orElseThrow(() -> new UsageException("no key was typed"));
            String text = new String(typed);
            Arrays.fill(typed, '\0');
            return text;
        }
        try {
            InputStream in = console.in();
            String first = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (first.isEmpty()) {
                throw new UsageException("--key-stdin: standard input holds no key on its first line");
            }
            return first;
        } catch (IOException e) {
            throw new UsageException("--key-stdin: cannot read standard input: " + e.getClass().getSimpleName());
        }
    }
}
