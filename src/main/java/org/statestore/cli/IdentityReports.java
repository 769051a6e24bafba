package org.statestore.cli;

import static org.statestore.cli.IdentityOutput.name;
import static org.statestore.cli.IdentityOutput.scopeList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.statestore.identity.AddResult;
import org.statestore.identity.ApiKey;
import org.statestore.identity.Identity;
import org.statestore.identity.IdentityNotFound;
import org.statestore.identity.IdentityType;
import org.statestore.identity.KeyUpdate;
import org.statestore.identity.RemoveResult;
import org.statestore.identity.Scope;
import org.statestore.identity.ScopeChange;
import org.statestore.identity.Verification;
import org.statestore.identity.internal.TokenLogin;

/**
 * The identity commands' results as reports: pure functions, one per sealed result type (each variant handled,
 * an unknown one a bug), and the few other facts those commands report on.
 */
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

    /** A failure with its one error line, still naming the identity in JSON. */
    static Report failed(IdentityType type, String identifier, ExitCode code, String error) {
        return about(Report.failed(code, error), type, identifier).build();
    }

    /** Exit 10 for an identity that does not exist: {@code no <name>} and what that meant ({@code consequence}). */
    static Report missing(IdentityType type, String identifier, String consequence) {
        return failed(type, identifier, ExitCode.NOT_FOUND, "no " + name(type, identifier) + consequence);
    }

    /** Exit 10 for a scope edit on an identity that does not exist; nothing was changed. */
    static Report notFound(IdentityNotFound result) {
        return missing(result.type(), result.identifier(),
                "; nothing was changed (create it with 'statestore identity add')");
    }

    /** {@code identity add} of an identifier alchemiscale's /token cannot find: exit 2, before anything is read. */
    static Optional<Report> addRefusal(IdentityType type, String identifier) {
        return TokenLogin.whyRefused(identifier).map(why -> failed(type, identifier, ExitCode.USAGE, "cannot add "
                + name(type, identifier) + ": " + why + "; nothing was written"));
    }

    /** {@code identity add}; {@code generated} is the key when it was generated, printed once. */
    static Report add(IdentityType type, String identifier, AddResult result, Optional<ApiKey> generated) {
        String name = name(type, identifier);
        if (result instanceof AddResult.AlreadyExists) {
            return failed(type, identifier, ExitCode.EXISTS, name + " already exists and was not changed; to "
                    + "replace its key use 'statestore identity update-key', to change its scopes use add-scope or "
                    + "remove-scope");
        }
        if (result instanceof AddResult.AlreadyExistsWithKey same) {
            return about(Report.ok(), type, identifier).field("alreadyExisted", true)
                    .field("identity", IdentityOutput.json(same.existing()))
                    .line(name + " already exists with this key; nothing was changed (scopes: "
                            + scopeList(same.existing().scopes()) + ")").build();
        }
        if (result instanceof AddResult.Added added) {
            // A generated key never matches an existing hash, so only a new identity's key is ever shown.
            return withGeneratedKey(about(Report.ok(), type, identifier).field("alreadyExisted", false)
                    .field("identity", IdentityOutput.json(added.identity()))
                    .line("added " + name + " with no scopes (grant them with 'statestore identity add-scope')"),
                    generated).build();
        }
        throw Unmapped.result(result);
    }

    /** {@code identity update-key}; {@code generated} is the key when it was generated, printed once. */
    static Report keyUpdate(IdentityType type, String identifier, KeyUpdate result, Optional<ApiKey> generated) {
        if (result instanceof IdentityNotFound) {
            return missing(type, identifier, "; no key was changed (create it with 'statestore identity add')");
        }
        if (result instanceof KeyUpdate.Updated updated) {
            return withGeneratedKey(about(Report.ok(), type, identifier)
                    .field("identity", IdentityOutput.json(updated.identity()))
                    .line("replaced the key of " + name(type, identifier) + "; scopes kept: "
                            + scopeList(updated.identity().scopes())), generated).build();
        }
        throw Unmapped.result(result);
    }

    /** A generated key, shown only here: as the last two text lines, or as {@code generatedKey} in JSON. */
    private static Report.Builder withGeneratedKey(Report.Builder report, Optional<ApiKey> generated) {
        generated.ifPresent(key -> report.field("generatedKey", key.reveal())
                .line("generated key (shown only this once; store it now, it cannot be recovered):")
                .line(key.reveal()));
        return report;
    }

    /**
     * {@code identity verify}: exit 0 when the key matches, warning when alchemiscale's API would still accept a
     * disabled identity's key or /token cannot find the identifier; exit 4 when it does not match.
     */
    static Report verification(IdentityType type, String identifier, Verification result) {
        String name = name(type, identifier);
        if (result instanceof IdentityNotFound) {
            return missing(type, identifier, "");
        }
        if (result instanceof Verification.Matched matched) {
            List<String> warnings = new ArrayList<>();
            if (matched.identity().disabled()) {
                warnings.add(name + " is disabled, but alchemiscale's /token does not read 'disabled', so the API "
                        + "still accepts this key (remove the identity or replace its key to lock it out)");
            }
            TokenLogin.whyRefused(identifier)
                    .ifPresent(why -> warnings.add("the key matches " + name + ", but " + why));
            Report.Builder report = verified(Report.ok(), type, identifier, matched.identity(), true, warnings)
                    .line("the key matches " + name);
            warnings.forEach(report::warning);
            return report.build();
        }
        if (result instanceof Verification.Mismatched mismatched) {
            return verified(Report.failed(ExitCode.AUTHENTICATION, "authentication failed: the key does not match "
                    + name), type, identifier, mismatched.identity(), false, List.of()).build();
        }
        throw Unmapped.result(result);
    }

    /** verify's fields, whatever the outcome: the identity, whether the key matches, disabled, the warnings. */
    private static Report.Builder verified(Report.Builder report, IdentityType type, String identifier,
                                           Identity identity, boolean matches, List<String> warnings) {
        return about(report, type, identifier).field("matches", matches)
                .field("disabled", identity.disabled()).field("warnings", warnings);
    }

    /** {@code identity list}: a table sorted as given, or a line saying there are none. */
    static Report list(IdentityType type, List<Identity> identities) {
        Report.Builder report = Report.ok().field("type", type.cliName())
                .field("identities", identities.stream().map(IdentityOutput::json).toList());
        if (identities.isEmpty()) {
            return report.line("no " + type.cliName() + " identities").build();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"IDENTIFIER", "DISABLED", "SCOPES"});
        for (Identity i : identities) {
            rows.add(new String[] {IdentityOutput.cell(i.identifier()), i.disabled() ? "yes" : "no",
                    i.scopes().isEmpty() ? "-" : String.join(" ", i.scopes())});
        }
        return report.lines(IdentityOutput.table(rows)).build();
    }

    /** {@code identity list-scope}: one scope per line; exit 10 when there is no such identity. */
    static Report scopes(IdentityType type, String identifier, Optional<Identity> found) {
        return found.map(i -> about(Report.ok(), type, identifier).field("scopes", i.scopes()).lines(i.scopes())
                .build()).orElseGet(() -> missing(type, identifier, ""));
    }

    /** The note (a log line, not output) that an identity listed has no scopes, for text mode. */
    static Optional<String> noScopesNote(Optional<Identity> found) {
        return found.filter(i -> i.scopes().isEmpty()).map(i -> name(i.type(), i.identifier()) + " has no scopes");
    }

    /** What {@code identity remove} asks a person before deleting {@code identity}. */
    static String removeQuestion(Identity identity) {
        return "Remove " + name(identity.type(), identity.identifier()) + " (scopes: " + scopeList(identity.scopes())
                + ")? [y/N] ";
    }

    /**
     * {@code identity remove} without {@code --yes}: exit 11 unless the person answered y or yes; {@code answer}
     * is empty when there was no terminal to ask on. Empty when removing may go ahead.
     */
    static Optional<Report> unconfirmed(IdentityType type, String identifier, Optional<String> answer) {
        String name = name(type, identifier);
        if (answer.isEmpty()) {
            return Optional.of(failed(type, identifier, ExitCode.REFUSED, "refusing to remove " + name + " without "
                    + "confirmation: there is no terminal to ask on, so pass --yes"));
        }
        String a = answer.get().strip().toLowerCase(Locale.ROOT);
        if (a.equals("y") || a.equals("yes")) {
            return Optional.empty();
        }
        return Optional.of(failed(type, identifier, ExitCode.REFUSED, "not confirmed; " + name + " was not removed"));
    }

    /** {@code identity remove}, once confirmed. */
    static Report removal(IdentityType type, String identifier, RemoveResult result) {
        if (result instanceof IdentityNotFound) {
            return missing(type, identifier, " (removed meanwhile?); nothing was removed");
        }
        if (result instanceof RemoveResult.Removed removed) {
            return about(Report.ok(), type, identifier).field("removed", IdentityOutput.json(removed.removed()))
                    .line("removed " + name(type, identifier) + " (it had scopes: "
                            + scopeList(removed.removed().scopes()) + ")").build();
        }
        throw Unmapped.result(result);
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
            return report.line(name(type, identifier) + " has scopes: " + scopeList(applied.identity().scopes()))
                    .build();
        }
        throw Unmapped.result(result);
    }
}
