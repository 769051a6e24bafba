package org.statestore.cli;

import picocli.CommandLine.Model.CommandSpec;

/** A command's name as the user typed it ({@code migrate up}), from picocli's model. */
final class CommandNames {

    private CommandNames() {
    }

    /** The qualified name without the root command's: {@code statestore migrate up} is {@code migrate up}. */
    static String of(CommandSpec spec) {
        CommandSpec root = spec;
        while (root.parent() != null) {
            root = root.parent();
        }
        String qualified = spec.qualifiedName();
        return root == spec ? qualified : qualified.substring(root.name().length()).strip();
    }
}
