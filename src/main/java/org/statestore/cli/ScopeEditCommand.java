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

    /** The edit itself, in one transaction: {@link IdentityStore#addScopes} or {@link IdentityStore#removeScopes}. */
    interface Edit {
        ScopeChange apply(IdentityStore identities, IdentityType type, String identifier, List<Scope> scopes);
    }

    @Mixin
    IdentityScopeOptions scopes;

    private final Edit edit;

    private final IdentityReports.ScopeWords words;

    private List<Scope> wanted;

    ScopeEditCommand(Console console, Edit edit, IdentityReports.ScopeWords words) {
        super(console);
        this.edit = edit;
        this.words = words;
    }

    @Override
    void prepare() {
        super.prepare();
        wanted = scopes.scopes(); // every scope is checked before anything connects
    }

    @Override
    Report report(Statestore store) {
        IdentityType t = type.type();
        return IdentityReports.scopeChange(t, identifier, edit.apply(store.identities(), t, identifier, wanted), words);
    }
}
