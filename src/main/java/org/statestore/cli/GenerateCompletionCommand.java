package org.statestore.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code statestore generate-completion}: a completion script for bash and zsh, on stdout. */
@Command(name = "generate-completion", mixinStandardHelpOptions = true,
        description = "Print a bash/zsh completion script for statestore (zsh: after 'autoload -U +X bashcompinit "
                + "&& bashcompinit').",
        footerHeading = "%nExamples:%n",
        footer = {"  source <(statestore generate-completion)",
                "  statestore generate-completion > /etc/bash_completion.d/statestore"})
final class GenerateCompletionCommand implements Callable<Integer> {

    private final Console console;

    @Spec
    CommandSpec spec;

    GenerateCompletionCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        console.out().print(AutoComplete.bash("statestore", root));
        console.out().flush();
        return ExitCode.OK.code();
    }
}
