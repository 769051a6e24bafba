package org.statestore.cli;

/** A command that knows how it prints, so a failure can be reported in the same format. */
interface Reporting {

    /** The command's name as typed, e.g. {@code migrate up}. */
    String commandName();

    /** True when the user asked for one JSON document on stdout. */
    boolean json();
}
