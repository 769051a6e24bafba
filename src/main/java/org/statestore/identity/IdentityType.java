package org.statestore.identity;

import java.util.Locale;

/**
 * The two kinds of identity alchemiscale knows, with the node labels each is stored under. These are
 * the only labels identity queries are ever built from.
 */
public enum IdentityType {
    USER("user", "CredentialedUserIdentity"),
    COMPUTE("compute", "CredentialedComputeIdentity");

    /** The label every identity carries besides its type's label. */
    public static final String ENTITY_LABEL = "CredentialedEntity";

    private final String cliName;
    private final String label;

    IdentityType(String cliName, String label) {
        this.cliName = cliName;
        this.label = label;
    }

    /** As typed after {@code -t}: {@code user} or {@code compute}. */
    public String cliName() {
        return cliName;
    }

    /** The type's own label, e.g. {@code CredentialedUserIdentity}; its uniqueness constraint is on this label. */
    public String label() {
        return label;
    }

    /** The label set of a new node in Cypher pattern form, e.g. {@code :CredentialedEntity:CredentialedUserIdentity}. */
    String createLabels() {
        return ":" + ENTITY_LABEL + ":" + label;
    }

    /** The type named {@code user} or {@code compute} (any case). */
    public static IdentityType fromName(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (IdentityType t : values()) {
            if (t.cliName.equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown identity type '" + name + "': use user or compute");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
