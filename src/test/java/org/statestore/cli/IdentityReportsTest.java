package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
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

@DisplayName("Identity results as reports, without a database")
class IdentityReportsTest {

    private static final IdentityType USER = IdentityType.USER;
    private static final Identity ALICE = new Identity(USER, "alice", List.of("acme-tyk2-fep", "openff-*-*"), false);
    private static final Identity NEW_ALICE = new Identity(USER, "alice", List.of(), false);
    private static final IdentityNotFound NO_ALICE = new IdentityNotFound(USER, "alice");
    private static final ApiKey GENERATED = ApiKey.of("0123456789abcdef0123456789abcdef");
    private static final Map<String, Object> ALICE_JSON = Map.of("type", "user", "identifier", "alice",
            "scopes", List.of("acme-tyk2-fep", "openff-*-*"), "disabled", false);

    private static List<String> fieldNames(Report r) {
        return List.copyOf(r.fields().keySet());
    }

    private static void assertFailed(ExitCode code, String error, Report r) {
        assertEquals(code, r.exitCode());
        assertEquals(error, r.error().orElseThrow());
        assertEquals(List.of("type", "identifier"), fieldNames(r));
        assertEquals(List.of(), r.text());
    }

    @Nested
    @DisplayName("add")
    class Add {

        @Test
        @DisplayName("a new identity with a generated key shows the key once, as the last text lines and generatedKey")
        void addedWithGeneratedKey() {
            Report r = IdentityReports.add(USER, "alice", new AddResult.Added(NEW_ALICE), Optional.of(GENERATED));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("added user identity 'alice' with no scopes (grant them with 'statestore identity "
                    + "add-scope')", "generated key (shown only this once; store it now, it cannot be recovered):",
                    GENERATED.reveal()), r.text());
            assertEquals(List.of("type", "identifier", "alreadyExisted", "identity", "generatedKey"), fieldNames(r));
            assertEquals(false, r.fields().get("alreadyExisted"));
            assertEquals(GENERATED.reveal(), r.fields().get("generatedKey"));
            assertFalse(r.toString().contains(GENERATED.reveal()), r.toString());
        }

        @Test
        @DisplayName("a new identity with a given key shows no key")
        void addedWithGivenKey() {
            Report r = IdentityReports.add(USER, "alice", new AddResult.Added(NEW_ALICE), Optional.empty());
            assertEquals(1, r.text().size());
            assertEquals(List.of("type", "identifier", "alreadyExisted", "identity"), fieldNames(r));
        }

        @Test
        @DisplayName("a rerun with the same key exits 0, says so with the scopes and shows no key")
        void alreadyExistsWithKey() {
            Report r = IdentityReports.add(USER, "alice", new AddResult.AlreadyExistsWithKey(ALICE),
                    Optional.of(GENERATED));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("user identity 'alice' already exists with this key; nothing was changed (scopes: "
                    + "acme-tyk2-fep, openff-*-*)"), r.text());
            assertEquals(List.of("type", "identifier", "alreadyExisted", "identity"), fieldNames(r));
            assertEquals(true, r.fields().get("alreadyExisted"));
            assertEquals(ALICE_JSON, r.fields().get("identity"));
        }

        @Test
        @DisplayName("an identity with another key is exit 9, naming update-key")
        void alreadyExists() {
            assertFailed(ExitCode.EXISTS, "user identity 'alice' already exists and was not changed; to replace its "
                    + "key use 'statestore identity update-key', to change its scopes use add-scope or remove-scope",
                    IdentityReports.add(USER, "alice", new AddResult.AlreadyExists(ALICE), Optional.of(GENERATED)));
        }

        @Test
        @DisplayName("an identifier /token cannot find is refused with exit 2; a plain one is not")
        void refusal() {
            Report r = IdentityReports.addRefusal(IdentityType.COMPUTE, "o'brien").orElseThrow();
            assertEquals(ExitCode.USAGE, r.exitCode());
            assertTrue(r.error().orElseThrow().startsWith("cannot add compute identity 'o'brien': alchemiscale's "
                    + "/token pastes"), r.error().orElseThrow());
            assertTrue(r.error().orElseThrow().endsWith("; nothing was written"), r.error().orElseThrow());
            assertEquals(Map.of("type", "compute", "identifier", "o'brien"), r.fields());
            assertTrue(IdentityReports.addRefusal(USER, "").isPresent());
            assertTrue(IdentityReports.addRefusal(USER, "alice").isEmpty());
        }

        @Test
        @DisplayName("an unknown result is a bug")
        void unknown() {
            assertThrows(IllegalStateException.class, () -> IdentityReports.add(USER, "a", null, Optional.empty()));
        }
    }

    @Nested
    @DisplayName("update-key")
    class UpdateKey {

        @Test
        @DisplayName("a replaced key keeps the scopes; a generated one is shown once")
        void updated() {
            Report r = IdentityReports.keyUpdate(USER, "alice", new KeyUpdate.Updated(ALICE), Optional.of(GENERATED));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("replaced the key of user identity 'alice'; scopes kept: acme-tyk2-fep, openff-*-*",
                    "generated key (shown only this once; store it now, it cannot be recovered):", GENERATED.reveal()),
                    r.text());
            assertEquals(List.of("type", "identifier", "identity", "generatedKey"), fieldNames(r));
            assertEquals(ALICE_JSON, r.fields().get("identity"));
            Report given = IdentityReports.keyUpdate(USER, "alice", new KeyUpdate.Updated(ALICE), Optional.empty());
            assertEquals(1, given.text().size());
            assertEquals(List.of("type", "identifier", "identity"), fieldNames(given));
        }

        @Test
        @DisplayName("an unknown identity is exit 10, no key changed")
        void notFound() {
            assertFailed(ExitCode.NOT_FOUND, "no user identity 'alice'; no key was changed (create it with 'statestore "
                    + "identity add')", IdentityReports.keyUpdate(USER, "alice", NO_ALICE, Optional.of(GENERATED)));
        }

        @Test
        @DisplayName("an unknown result is a bug")
        void unknown() {
            assertThrows(IllegalStateException.class,
                    () -> IdentityReports.keyUpdate(USER, "a", null, Optional.empty()));
        }
    }

    @Nested
    @DisplayName("verify")
    class Verify {

        @Test
        @DisplayName("a match exits 0 with one line and no warnings")
        void matched() {
            Report r = IdentityReports.verification(USER, "alice", new Verification.Matched(ALICE));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("the key matches user identity 'alice'"), r.text());
            assertEquals(List.of("type", "identifier", "matches", "disabled", "warnings"), fieldNames(r));
            assertEquals(true, r.fields().get("matches"));
            assertEquals(false, r.fields().get("disabled"));
            assertEquals(List.of(), r.fields().get("warnings"));
            assertEquals(List.of(), r.warnings());
        }

        @Test
        @DisplayName("a match on a disabled identity /token cannot find warns twice, on stderr and in JSON")
        void matchedWithWarnings() {
            Identity off = new Identity(USER, "o'b", List.of(), true);
            Report r = IdentityReports.verification(USER, "o'b", new Verification.Matched(off));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(2, r.warnings().size());
            assertEquals("user identity 'o'b' is disabled, but alchemiscale's /token does not read 'disabled', so the "
                    + "API still accepts this key (remove the identity or replace its key to lock it out)",
                    r.warnings().get(0));
            assertTrue(r.warnings().get(1).startsWith("the key matches user identity 'o'b', but alchemiscale's /token "
                    + "pastes"), r.warnings().get(1));
            assertEquals(r.warnings(), r.fields().get("warnings"));
            assertEquals(true, r.fields().get("disabled"));
        }

        @Test
        @DisplayName("a mismatch is exit 4 without text or warnings, even for a disabled identity")
        void mismatched() {
            Report r = IdentityReports.verification(USER, "alice", new Verification.Mismatched(
                    new Identity(USER, "alice", List.of(), true)));
            assertEquals(ExitCode.AUTHENTICATION, r.exitCode());
            assertEquals("authentication failed: the key does not match user identity 'alice'",
                    r.error().orElseThrow());
            assertEquals(List.of("type", "identifier", "matches", "disabled", "warnings"), fieldNames(r));
            assertEquals(false, r.fields().get("matches"));
            assertEquals(true, r.fields().get("disabled"));
            assertEquals(List.of(), r.text());
            assertEquals(List.of(), r.warnings());
        }

        @Test
        @DisplayName("an unknown identity is exit 10")
        void notFound() {
            assertFailed(ExitCode.NOT_FOUND, "no user identity 'alice'",
                    IdentityReports.verification(USER, "alice", NO_ALICE));
        }

        @Test
        @DisplayName("an unknown result is a bug")
        void unknown() {
            assertThrows(IllegalStateException.class, () -> IdentityReports.verification(USER, "a", null));
        }
    }

    @Nested
    @DisplayName("list and list-scope")
    class Lists {

        @Test
        @DisplayName("list pads a table, quotes identifiers that are not one plain word and marks no scopes '-'")
        void table() {
            Identity bob = new Identity(USER, "Bob", List.of("a-b-c", "d-e-f"), false);
            Identity carol = new Identity(USER, "carol smith", List.of(), true);
            Report r = IdentityReports.list(USER, List.of(bob, carol));
            assertEquals(List.of("IDENTIFIER     DISABLED  SCOPES", "Bob            no        a-b-c d-e-f",
                    "'carol smith'  yes       -"), r.text());
            assertEquals(List.of("type", "identities"), fieldNames(r));
            assertEquals(List.of(IdentityOutput.json(bob), Map.of("type", "user", "identifier", "carol smith",
                    "scopes", List.of(), "disabled", true)), r.fields().get("identities"));
        }

        @Test
        @DisplayName("an empty list says so")
        void empty() {
            Report r = IdentityReports.list(IdentityType.COMPUTE, List.of());
            assertEquals(List.of("no compute identities"), r.text());
            assertEquals(List.of(), r.fields().get("identities"));
        }

        @Test
        @DisplayName("list-scope prints one scope per line, or exit 10 for an unknown identity")
        void scopes() {
            Report r = IdentityReports.scopes(USER, "alice", Optional.of(ALICE));
            assertEquals(List.of("acme-tyk2-fep", "openff-*-*"), r.text());
            assertEquals(List.of("type", "identifier", "scopes"), fieldNames(r));
            assertFailed(ExitCode.NOT_FOUND, "no user identity 'alice'",
                    IdentityReports.scopes(USER, "alice", Optional.empty()));
        }

        @Test
        @DisplayName("an identity without scopes gets a note, others and unknown ones none")
        void noScopesNote() {
            assertEquals(Optional.of("user identity 'alice' has no scopes"),
                    IdentityReports.noScopesNote(Optional.of(NEW_ALICE)));
            assertEquals(Optional.empty(), IdentityReports.noScopesNote(Optional.of(ALICE)));
            assertEquals(Optional.empty(), IdentityReports.noScopesNote(Optional.empty()));
        }
    }

    @Nested
    @DisplayName("remove")
    class Remove {

        @Test
        @DisplayName("the question names the identity and its scopes")
        void question() {
            assertEquals("Remove user identity 'alice' (scopes: acme-tyk2-fep, openff-*-*)? [y/N] ",
                    IdentityReports.removeQuestion(ALICE));
            assertEquals("Remove user identity 'alice' (scopes: (none))? [y/N] ",
                    IdentityReports.removeQuestion(NEW_ALICE));
        }

        @Test
        @DisplayName("y or yes in any case and spacing confirms; anything else, or no terminal, is exit 11")
        void confirmation() {
            for (String yes : List.of("y", "yes", " YES ", "Y")) {
                assertTrue(IdentityReports.unconfirmed(USER, "alice", Optional.of(yes)).isEmpty(), yes);
            }
            for (String no : List.of("", "n", "yess", "no")) {
                assertFailed(ExitCode.REFUSED, "not confirmed; user identity 'alice' was not removed",
                        IdentityReports.unconfirmed(USER, "alice", Optional.of(no)).orElseThrow());
            }
            assertFailed(ExitCode.REFUSED, "refusing to remove user identity 'alice' without confirmation: there is no "
                    + "terminal to ask on, so pass --yes",
                    IdentityReports.unconfirmed(USER, "alice", Optional.empty()).orElseThrow());
        }

        @Test
        @DisplayName("a removed identity is reported with the scopes it had")
        void removed() {
            Report r = IdentityReports.removal(USER, "alice", new RemoveResult.Removed(ALICE));
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("removed user identity 'alice' (it had scopes: acme-tyk2-fep, openff-*-*)"), r.text());
            assertEquals(List.of("type", "identifier", "removed"), fieldNames(r));
            assertEquals(ALICE_JSON, r.fields().get("removed"));
        }

        @Test
        @DisplayName("an identity gone before or between find and remove is exit 10")
        void notFound() {
            assertFailed(ExitCode.NOT_FOUND, "no user identity 'alice'; nothing was removed",
                    IdentityReports.missing(USER, "alice", "; nothing was removed"));
            assertFailed(ExitCode.NOT_FOUND, "no user identity 'alice' (removed meanwhile?); nothing was removed",
                    IdentityReports.removal(USER, "alice", NO_ALICE));
        }

        @Test
        @DisplayName("an unknown result is a bug")
        void unknown() {
            assertThrows(IllegalStateException.class, () -> IdentityReports.removal(USER, "a", null));
        }
    }

    @Nested
    @DisplayName("add-scope and remove-scope")
    class Scopes {

        @Test
        @DisplayName("an added scope and one already present are listed, then the identity's scopes")
        void addedScopes() {
            Report r = IdentityReports.scopeChange(USER, "alice", new ScopeChange.Applied(ALICE,
                    List.of(Scope.parse("openff-*-*")), List.of(Scope.parse("acme-tyk2-fep"))),
                    IdentityReports.ScopeWords.ADD);
            assertEquals(ExitCode.OK, r.exitCode());
            assertEquals(List.of("added openff-*-*", "already present: acme-tyk2-fep",
                    "user identity 'alice' has scopes: acme-tyk2-fep, openff-*-*"), r.text());
            assertEquals(List.of("type", "identifier", "added", "alreadyPresent", "scopes"), fieldNames(r));
        }

        @Test
        @DisplayName("a removed scope and one not present use remove's words and fields")
        void removedScopes() {
            Report r = IdentityReports.scopeChange(USER, "alice", new ScopeChange.Applied(NEW_ALICE,
                    List.of(Scope.parse("a-b-c")), List.of(Scope.parse("x-y-z"))), IdentityReports.ScopeWords.REMOVE);
            assertEquals(List.of("removed a-b-c", "not present: x-y-z", "user identity 'alice' has scopes: (none)"),
                    r.text());
            assertEquals(List.of("type", "identifier", "removed", "notPresent", "scopes"), fieldNames(r));
            assertEquals(List.of("a-b-c"), r.fields().get("removed"));
        }

        @Test
        @DisplayName("removing from an unknown identity is exit 10 and still names the identity in JSON")
        void unknownIdentity() {
            Report r = IdentityReports.scopeChange(IdentityType.COMPUTE, "gpu",
                    new IdentityNotFound(IdentityType.COMPUTE, "gpu"), IdentityReports.ScopeWords.REMOVE);
            assertEquals(ExitCode.NOT_FOUND, r.exitCode());
            assertEquals("no compute identity 'gpu'; nothing was changed (create it with 'statestore identity add')",
                    r.error().orElseThrow());
            assertEquals("compute", r.fields().get("type"));
            assertEquals("gpu", r.fields().get("identifier"));
        }

        @Test
        @DisplayName("a result the mapping does not know is a bug, not a cast failure")
        void unknownVariantThrows() {
            assertThrows(IllegalStateException.class, () -> IdentityReports.scopeChange(USER, "a", null,
                    IdentityReports.ScopeWords.ADD));
        }
    }
}
