package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.identity.Identity;
import org.statestore.identity.IdentityNotFound;
import org.statestore.identity.IdentityType;
import org.statestore.identity.Scope;
import org.statestore.identity.ScopeChange;

@DisplayName("Identity results as reports, without a database")
class IdentityReportsTest {

    private static final Identity ALICE = new Identity(IdentityType.USER, "alice", List.of("acme-tyk2-fep", "openff-*-*"),
            false);

    @Test
    @DisplayName("an added scope and one already present are listed, then the identity's scopes")
    void addedScopes() {
        Report r = IdentityReports.scopeChange(IdentityType.USER, "alice", new ScopeChange.Applied(ALICE,
                List.of(Scope.parse("openff-*-*")), List.of(Scope.parse("acme-tyk2-fep"))),
                IdentityReports.ScopeWords.ADD);
        assertEquals(ExitCode.OK, r.exitCode());
        assertEquals(List.of("added openff-*-*", "already present: acme-tyk2-fep",
                "user identity 'alice' has scopes: acme-tyk2-fep, openff-*-*"), r.text());
        assertEquals(List.of("type", "identifier", "added", "alreadyPresent", "scopes"), List.copyOf(r.fields().keySet()));
    }

    @Test
    @DisplayName("removing from an unknown identity is exit 10 and still names the identity in JSON")
    void unknownIdentity() {
        Report r = IdentityReports.scopeChange(IdentityType.COMPUTE, "gpu", new IdentityNotFound(IdentityType.COMPUTE,
                "gpu"), IdentityReports.ScopeWords.REMOVE);
        assertEquals(ExitCode.NOT_FOUND, r.exitCode());
        assertEquals("no compute identity 'gpu'; nothing was changed (create it with 'statestore identity add')",
                r.error().orElseThrow());
        assertEquals("compute", r.fields().get("type"));
        assertEquals("gpu", r.fields().get("identifier"));
    }

    @Test
    @DisplayName("a result the mapping does not know is a bug, not a cast failure")
    void unknownVariantThrows() {
        assertThrows(IllegalStateException.class, () -> IdentityReports.scopeChange(IdentityType.USER, "a", null,
                IdentityReports.ScopeWords.ADD));
    }
}
