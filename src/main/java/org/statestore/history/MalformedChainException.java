package org.statestore.history;

import java.util.Objects;

/**
 * The history chain in the database is not the single, gap-free path statestore writes (two roots, a
 * branch, a seq out of step, an entry off the path, a required property missing...): someone or something
 * changed it outside statestore. Nothing is planned or applied from such a chain.
 *
 * <p>The message is one line: what is wrong, then how to look at it. No stack trace is kept: the defect is
 * in the data, not in the code that found it.
 */
public final class MalformedChainException extends RuntimeException {

    private final String defect;

    public MalformedChainException(String defect, String hint) {
        super("history chain malformed: " + Objects.requireNonNull(defect, "defect") + "; "
                + Objects.requireNonNull(hint, "hint"), null, false, false);
        this.defect = defect;
    }

    /** What is wrong, without the prefix and the hint (for reports that list findings of their own). */
    public String defect() {
        return defect;
    }
}
