package org.statestore.cli;

import java.util.ArrayList;
import java.util.List;

import org.statestore.identity.Scope;

import picocli.CommandLine.Option;

/** {@code -s/--scope ORG-CAMPAIGN-PROJECT}, repeatable; all are checked before anything is written. */
final class IdentityScopeOptions {

    @Option(names = {"-s", "--scope"}, paramLabel = "ORG-CAMPAIGN-PROJECT", required = true,
            description = "A scope (repeatable). Each part is a name ([A-Za-z][A-Za-z0-9_]*) or '*'; after a '*' "
                    + "every part is '*' (acme-*-* is valid, acme-*-proj is not). No whitespace before or after "
                    + "it: alchemiscale refuses that too.")
    List<String> scopes = new ArrayList<>();

    /** Every scope parsed and canonical; the first bad one stops the command with a usage error. */
    List<Scope> scopes() {
        List<Scope> parsed = new ArrayList<>();
        for (String s : scopes) {
            try {
                parsed.add(Scope.parse(s));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage() + "; nothing was changed");
            }
        }
        return parsed;
    }
}
