package org.statestore.cli;

import org.statestore.identity.IdentityNotFound;
import org.statestore.identity.IdentityType;
import org.statestore.identity.Scope;
import org.statestore.identity.ScopeChange;

/** The identity commands' results as reports: pure functions, one per sealed result type. */
final class IdentityReports {

    private IdentityReports() {
    }

    /** The words one scope edit uses: {@code added}/{@code already present}, or {@code removed}/{@code not present}. */
    record ScopeWords(String changed, String changedField, String unchanged, String unchangedField) {
        static final ScopeWords ADD = new ScopeWords("added", "added", "already present", "alreadyPresent");
        static final ScopeWords REMOVE = new ScopeWords("removed", "removed", "not present", "notPresent");
    }

    /** A report naming the identity a command worked on (JSON {@code type} and {@code identifier}), success or not. */
    static Report.Builder about(Report.Builder report, IdentityType type, String identifier) {
        return report.field("type", type.cliName()).field("identifier", identifier);
    }

    /** Exit 10 for an identity that does not exist; nothing was changed. */
    static Report notFound(IdentityNotFound missing) {
        return about(Report.failed(ExitCode.NOT_FOUND, "no " + IdentityOutput.name(missing.type(), missing.identifier())
                + "; nothing was changed (create it with 'statestore identity add')"), missing.type(),
                missing.identifier()).build();
    }

    /** {@code identity add-scope} / {@code remove-scope}. */
    static Report scopeChange(IdentityType type, String identifier, ScopeChange result, ScopeWords words) {
        if (result instanceof IdentityNotFound missing) {
            return notFound(missing);
        }
        if (result instanceof ScopeChange.Applied applied) {
            Report.Builder report = about(Report.ok(), type, identifier)
                    .field(words.changedField(), IdentityOutput.texts(applied.changed()))
                    .field(words.unchangedField(), IdentityOutput.texts(applied.unchanged()))
                    .field("scopes", applied.identity().scopes());
            for (Scope s : applied.changed()) {
                report.line(words.changed() + " " + s);
            }
            for (Scope s : applied.unchanged()) {
                report.line(words.unchanged() + ": " + s);
            }
            return report.line(IdentityOutput.name(type, identifier) + " has scopes: "
                    + IdentityOutput.scopeList(applied.identity().scopes())).build();
        }
        throw Unmapped.result(result);
    }
}
