package org.statestore.cli;

import picocli.CommandLine.Option;

/** {@code --to VERSION} or {@code --steps N}: how far an undo goes (exactly one is required). */
final class UndoRange {

    @Option(names = "--to", paramLabel = "VERSION", required = true,
            description = "Undo every applied unit newer than VERSION.")
    String to;

    @Option(names = "--steps", paramLabel = "N", required = true, description = "Undo the N newest applied units.")
    Integer steps;
}
