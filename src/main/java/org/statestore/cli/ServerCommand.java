package org.statestore.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.statestore.neo4j.ConnectionSettings;
import org.statestore.neo4j.Secret;
import org.statestore.neo4j.internal.EmbeddedServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statestore server}: serves the embedded store over Bolt until stopped. It never changes the database itself. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Serve the embedded store in --data-dir over Bolt until Ctrl-C or SIGTERM, so an API or "
                + "cypher-shell can use it in development. Runs no migration.",
                "Authentication is off on loopback unless --password-file is given (then user neo4j with that "
                        + "password, in place before the port opens); a non-loopback --listen address requires "
                        + "--password-file. Without a password every local user can read and write the store over "
                        + "Bolt. LOAD CSV never reads local files."},
        footerHeading = "%nExamples:%n",
        footer = {"  statestore server", "  statestore server --data-dir ./dev-store --bolt-port 7688",
                "  statestore server --listen 0.0.0.0 --password-file ./neo4j-password"})
final class ServerCommand implements Callable<Integer> {

    private final Console console;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Store directory. Env: STATESTORE_DATA_DIR. Default: ./statestore-data.")
    Path dataDir;

    @Option(names = "--bolt-port", paramLabel = "PORT", defaultValue = "7687",
            description = "Bolt port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int boltPort;

    @Option(names = "--listen", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String listen;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Turn authentication on: user neo4j, password (at least 8 characters) from the first "
                    + "line of FILE.")
    Path passwordFile;

    @Option(names = "--page-cache", paramLabel = "MiB", defaultValue = "256",
            description = "Page cache size in MiB. Default: ${DEFAULT-VALUE}.")
    long pageCacheMiB;

    ServerCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (boltPort < 0 || boltPort > 65535) {
            throw new UsageException("--bolt-port must be 0-65535, was " + boltPort);
        }
        if (pageCacheMiB < 8) {
            throw new UsageException("--page-cache must be at least 8 MiB");
        }
        Secret password = Secret.of(readPassword());
        if (password.isEmpty() && !isLoopback(listen)) {
            throw new UsageException("--listen " + listen + " exposes the database beyond this machine: "
                    + "give --password-file to turn authentication on");
        }
        Path dir = Optional.ofNullable(dataDir).or(() -> console.env("STATESTORE_DATA_DIR").map(Path::of))
                .orElse(ConnectionSettings.DEFAULT_DATA_DIR);
        EmbeddedServer server = EmbeddedServer.start(new EmbeddedServer.Options(dir, listen, boltPort, password,
                pageCacheMiB * 1024 * 1024));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "statestore-server-stop"));
        console.out().println("serving " + dir.toAbsolutePath().normalize() + " (Neo4j " + EmbeddedServer.neo4jVersion()
                + ") on " + server.boltUrl() + (password.isEmpty() ? " without authentication" : " as user neo4j")
                + "; Ctrl-C stops");
        console.out().flush();
        stopped.await();
        return ExitCode.OK.code();
    }

    private String readPassword() {
        if (passwordFile == null) {
            return "";
        }
        try {
            String first = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (first.isEmpty()) {
                throw new UsageException("--password-file " + passwordFile + " holds no password");
            }
            if (first.codePointCount(0, first.length()) < EmbeddedServer.MIN_PASSWORD_LENGTH) {
                throw new UsageException("--password-file " + passwordFile + ": the password must be at least "
                        + EmbeddedServer.MIN_PASSWORD_LENGTH + " characters (Neo4j's minimum)");
            }
            return first;
        } catch (IOException e) {
            throw new UsageException("cannot read --password-file " + passwordFile + ": " + e.getClass().getSimpleName());
        }
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UsageException("--listen: unknown address " + host);
        }
    }
}
