package org.statestore.cli;

import picocli.CommandLine.Mixin;

/** An identity command on an open store naming one identity ({@code -t}, {@code -i}). */
abstract class IdentityTargetCommand extends StoreCommand {

    @Mixin
    IdentityTypeOption type;

    @Mixin
    IdentityIdOption id;

    /** The identifier, set before anything connects: an empty {@code -i} is a usage error without a connection. */
    String identifier;

    IdentityTargetCommand(Console console) {
        super(console);
    }

    @Override
    void prepare() {
        identifier = id.identifier();
    }

    @Override
    final boolean needsNeo4j5() {
        return false; // identities only: alchemiscale v0.3's operators use them on Neo4j 4.4
    }
}
