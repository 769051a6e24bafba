package org.statestore.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.statestore.Statestore;
import org.statestore.identity.Identity;
import org.statestore.identity.IdentityType;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code statestore identity list}: every identity of one type, sorted by identifier. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the identities of one type, sorted by identifier, with their scopes. Writes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore identity list", "  statestore identity list -t compute --output json"})
final class IdentityListCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    IdentityTypeOption type;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    IdentityListCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        IdentityType t = type.type();
        List<Identity> identities;
        try (Statestore store = IdentityOutput.open(connection, console)) {
            identities = store.identities().list(t);
        }
        if (output.json()) {
            Map<String, Object> doc = JsonOutput.envelope(commandName(), ExitCode.OK, null);
            doc.put("type", t.cliName());
            doc.put("identities", identities.stream().map(IdentityOutput::json).toList());
            JsonOutput.print(console.out(), doc);
        } else if (identities.isEmpty()) {
            console.out().println("no " + t.cliName() + " identities");
            console.out().flush();
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"IDENTIFIER", "DISABLED", "SCOPES"});
            for (Identity i : identities) {
                rows.add(new String[] {IdentityOutput.cell(i.identifier()), i.disabled() ? "yes" : "no",
                        i.scopes().isEmpty() ? "-" : String.join(" ", i.scopes())});
            }
            IdentityOutput.table(console, rows);
        }
        return ExitCode.OK.code();
    }

    @Override
    public String commandName() {
        return "identity list";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
