package org.statestore.cli;

import java.util.List;

import org.statestore.Statestore;
import org.statestore.identity.IdentityStore;
import org.statestore.identity.IdentityType;
import org.statestore.identity.Scope;
import org.statestore.identity.ScopeChange;

import picocli.CommandLine.Mixin;

/** {@code identity add-scope} and {@code identity remove-scope}: the same flags and report, two store calls. */
abstract class ScopeEditCommand extends IdentityTargetCommand {

    @Mixin
    IdentityScopeOptions scopes;

    private List<Scope> wanted;

    ScopeEditCommand(Console console) {
        super(console);
    }

    /** The edit itself, in one transaction. */
    abstract ScopeChange edit(IdentityStore identities, IdentityType type, String identifier, List<Scope> scopes);

    abstract IdentityReports.ScopeWords words();

    @Override
    void prepare() {
        super.prepare();
        wanted = scopes.scopes(); // every scope is checked before anything connects
    }

    @Override
    Report report(Statestore store) {
        IdentityType t = type.type();
        return IdentityReports.scopeChange(t, identifier, edit(store.identities(), t, identifier, wanted), words());
    }
}
