package org.statestore.cli;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * The interactive terminal a command may ask a question on, if there is one. An interface so tests can
 * stand in for a person; {@link #of(Console)} gives the real one or {@link #NONE}.
 */
interface Terminal {

    /** No terminal: questions cannot be asked, so commands that need an answer refuse unless told {@code --yes}. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public Optional<String> readLine(String prompt) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> readSecret(String prompt) {
            return Optional.empty();
        }
    };

    /** True when a person can answer. */
    boolean interactive();

    /** Shows {@code prompt} and reads one line; empty when there is no terminal or input ended. */
    Optional<String> readLine(String prompt);

    /** Shows {@code prompt} and reads one line without echoing it; empty when there is no terminal. */
    Optional<char[]> readSecret(String prompt);

    /** The process's terminal when {@code console} reads the real standard input and that is a terminal. */
    static Terminal of(Console console) {
        java.io.Console system = System.console();
        if (console.in() != System.in || system == null || !isTerminal(system)) {
            return NONE;
        }
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public Optional<String> readLine(String prompt) {
                return Optional.ofNullable(system.readLine("%s", prompt));
            }

            @Override
            public Optional<char[]> readSecret(String prompt) {
                return Optional.ofNullable(system.readPassword("%s", prompt));
            }
        };
    }

    /**
     * From JDK 22 {@code System.console()} is non-null even when the streams are redirected, and
     * {@code isTerminal()} (absent on 17) tells the difference; on older JDKs non-null means a terminal.
     */
    private static boolean isTerminal(java.io.Console console) {
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }
}
