package org.statestore.cli;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import org.statestore.migrate.StopSignal;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/** Entry point: parses the command line, runs the command, maps its outcome to an exit code and exits. */
public final class Main {

    private final Console console;

    public Main(Console console) {
        this.console = console;
    }

    public static void main(String[] args) {
        // Netty would otherwise find SLF4J on the class path, bound to the embedded Neo4j's Log4j, and spend
        // a tenth of a second configuring Log4j in every run against a server; its rare messages go to
        // java.util.logging instead.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        Map<String, String> env = System.getenv();
        StopSignal stop = new StopSignal();
        Console console = new Console(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), System.in, env, jsonLogs(env), stop,
                terminal(env));
        CountDownLatch finished = new CountDownLatch(1);
        recordSignal("INT", StopSignal.Reason.INTERRUPT, stop);
        recordSignal("TERM", StopSignal.Reason.TERMINATE, stop);
        // SIGTERM/SIGINT: ask the running command to stop at its next safe point, record its state and
        // release the lease; the JVM then exits with 143/130.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.request();
            try {
                finished.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "statestore-stop"));
        int code = new Main(console).run(args);
        finished.countDown();
        // Exit explicitly: the embedded server's Bolt threads can linger after shutdown.
        System.exit(code);
    }

    /**
     * Notes which signal arrived before the JVM's own handler starts the shutdown (exit 128 + the signal's
     * number), so a stopped command reports 130 for SIGINT and 143 for SIGTERM, as the process exits.
     */
    private static void recordSignal(String name, StopSignal.Reason reason, StopSignal stop) {
        try {
            Signal signal = new Signal(name);
            SignalHandler[] jvm = new SignalHandler[1];
            jvm[0] = Signal.handle(signal, s -> {
                stop.request(reason);
                jvm[0].handle(s);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // the signal is not available here (or the JVM was started with -Xrs): the shutdown hook still stops
        }
    }

    /** How long a signal waits for the command to reach a safe point before the JVM exits anyway. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /** JSON-lines logs when stderr is not a terminal (log collectors), unless STATESTORE_LOG_FORMAT says otherwise. */
    static boolean jsonLogs(Map<String, String> env) {
        String format = env.getOrDefault("STATESTORE_LOG_FORMAT", "");
        if (format.equalsIgnoreCase("json")) {
            return true;
        }
        if (format.equalsIgnoreCase("text")) {
            return false;
        }
        return !isTerminal(2).orElseGet(() -> System.console() != null);
    }

    /**
     * The raw channel to stderr for a progress bar, only when stderr is a terminal: a bar's {@code \r} and
     * erase-line control must never reach a file or a pipe, and everything else stays escaped.
     */
    static Optional<TerminalLine> terminal(Map<String, String> env) {
        if (!isTerminal(2).orElse(false)) {
            return Optional.empty();
        }
        PrintStream raw = new PrintStream(new FileOutputStream(FileDescriptor.err),
                false, StandardCharsets.UTF_8);
        return Optional.of(new TerminalLine(raw, () -> columns(env), utf8(env)));
    }

    /** Whether file descriptor {@code fd} is a terminal, from what {@code /proc} says it is; empty where it cannot tell. */
    private static Optional<Boolean> isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return Optional.of(target.startsWith("/dev/pts/") || target.startsWith("/dev/tty"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The terminal's width: {@code COLUMNS}, else what {@code stty} says of the controlling terminal, else 80. */
    static int columns(Map<String, String> env) {
        try {
            int c = Integer.parseInt(env.getOrDefault("COLUMNS", "").strip());
            if (c > 0) {
                return c;
            }
        } catch (NumberFormatException e) {
            // not set: ask the terminal
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (stty.waitFor(2, TimeUnit.SECONDS) && size.matches("\\d+ \\d+")) {
                int c = Integer.parseInt(size.split(" ")[1]);
                if (c > 0) {
                    return c;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no stty, or no controlling terminal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }

    /** Whether the locale says UTF-8, so the bar may use block characters. */
    static boolean utf8(Map<String, String> env) {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.getOrDefault(name, "");
            if (!v.isEmpty()) {
                return v.toUpperCase(Locale.ROOT).replace("-", "").contains("UTF8");
            }
        }
        return false;
    }

    /** Runs one command line and returns its exit code; never throws, never exits. */
    public int run(String... args) {
        CommandLine cli = singleCommand(args).orElseGet(this::commandLine);
        return cli.execute(args);
    }

    /** The command tree, wired to this console; also used to check command lines in tests and manifests. */
    public CommandLine commandLine() {
        return configured(new CommandLine(new StatestoreCommand(), new ConsoleFactory(console)));
    }

    /**
     * When {@code args} name a command inside a group ({@code migrate up}), a tree holding just that
     * command under its group's name: picocli models every annotated command when the whole tree is built,
     * which is a noticeable share of a no-op {@code migrate up}'s start. Anything else (help, a group
     * alone, an unknown name) gets the whole tree, so its messages list every command.
     */
    Optional<CommandLine> singleCommand(String[] args) {
        if (args.length < 2) {
            return Optional.empty();
        }
        Optional<Class<?>> group = subcommand(StatestoreCommand.class, args[0]);
        Optional<Class<?>> leaf = group.flatMap(g -> subcommand(g, args[1]));
        if (leaf.isEmpty() || leaf.get().getAnnotation(Command.class).subcommands().length > 0) {
            return Optional.empty();
        }
        ConsoleFactory factory = new ConsoleFactory(console);
        CommandLine groupLine = new CommandLine(CommandSpec.create().name(args[0]), factory)
                .addSubcommand(args[1], new CommandLine(leaf.get(), factory));
        CommandLine root = new CommandLine(CommandSpec.create().name("statestore"), factory)
                .addSubcommand(args[0], groupLine);
        return Optional.of(configured(root));
    }

    /** The subcommand of {@code parent} called {@code name}, read from the annotations alone. */
    private static Optional<Class<?>> subcommand(Class<?> parent, String name) {
        for (Class<?> c : parent.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && (command.name().equals(name) || Arrays.asList(command.aliases()).contains(name))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private CommandLine configured(CommandLine cli) {
        cli.setOut(console.out());
        cli.setErr(console.err());
        cli.setParameterExceptionHandler(this::onBadUsage);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> onFailure(e, commandLine));
        cli.getCommandSpec().usageMessage().footer(exitCodeFooter(cli.getCommandSpec()));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(ansi()));
        return cli;
    }

    /**
     * Colours only on a terminal and never with {@code NO_COLOR} set (https://no-color.org): output that
     * goes to a file, a pipe or a test's buffer stays plain.
     */
    CommandLine.Help.Ansi ansi() {
        if (console.env().containsKey("NO_COLOR")) {
            return CommandLine.Help.Ansi.OFF;
        }
        boolean realStdout = console.in() == System.in && System.console() != null
                && isTerminal(1).orElse(true);
        return realStdout ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF;
    }


    private int onBadUsage(ParameterException e, String[] args) {
        String where = e.getCommandLine().getCommandSpec().qualifiedName();
        console.err().println("statestore: " + e.getMessage() + " (see '" + where + " --help')");
        console.err().flush();
        return ExitCode.USAGE.code();
    }

    private int onFailure(Exception e, CommandLine commandLine) {
        Failure failure = Failure.of(e);
        if (failure.exitCode() == ExitCode.INTERNAL && console.env("STATESTORE_DEBUG").isPresent()) {
            e.printStackTrace(console.err());
        }
        Object command = commandLine.getCommand();
        boolean json = command instanceof ReportingCommand c && c.json();
        return new ReportPrinter(console).print(CommandNames.of(commandLine.getCommandSpec()), json,
                Report.failed(failure.exitCode(), failure.message()).build());
    }

    private static String[] exitCodeFooter(CommandSpec spec) {
        String[] footer = spec.usageMessage().footer();
        String[] table = ExitCode.helpTable();
        String[] all = new String[footer.length + table.length];
        System.arraycopy(footer, 0, all, 0, footer.length);
        for (int i = 0; i < table.length; i++) {
            String[] parts = table[i].split(":", 2);
            all[footer.length + i] = "  " + parts[0] + "  " + parts[1];
        }
        return all;
    }

    /** Builds commands, handing the console to those that take one. */
    private record ConsoleFactory(Console console) implements IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Console.class) {
                    c.setAccessible(true);
                    return type.cast(c.newInstance(console));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
