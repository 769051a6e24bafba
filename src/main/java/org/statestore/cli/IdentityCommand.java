package org.statestore.cli;

import picocli.CommandLine.Command;

/** The parent of the identity verbs: alchemiscale's {@code identity} commands, made safe. */
@Command(name = "identity", mixinStandardHelpOptions = true,
        description = {"Manage alchemiscale's user and compute identities and their scopes, with the same flags as "
                + "'alchemiscale identity' (-t user|compute, -i ID, -k KEY, -s ORG-CAMPAIGN-PROJECT).",
                "Unlike alchemiscale's CLI, add never overwrites (a rerun with the same key succeeds), refuses "
                        + "identifiers alchemiscale's /token cannot look up reliably (holding ' or \\), unknown identities "
                        + "are errors, scopes are all checked before any is written, and keys can come from a file, "
                        + "stdin or STATESTORE_KEY."},
        subcommands = {IdentityAddCommand.class, IdentityListCommand.class, IdentityRemoveCommand.class,
                IdentityAddScopeCommand.class, IdentityListScopeCommand.class, IdentityRemoveScopeCommand.class,
                IdentityUpdateKeyCommand.class, IdentityVerifyCommand.class},
        footerHeading = "%nExamples (alchemiscale's manual, with statestore in place of alchemiscale):%n",
        footer = {"  statestore identity add -t user -i alice -k <user key>",
                "  statestore identity add-scope -t user -i alice -s acme-tyk2-fep -s 'openff-*-*'",
                "  statestore identity add -t compute -i gpu-cluster-01 --key-file ./compute.key"})
final class IdentityCommand {
}
