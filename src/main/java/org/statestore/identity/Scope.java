package org.statestore.identity;

import java.util.regex.Pattern;

import org.statestore.text.internal.Printable;

/**
 * An alchemiscale scope, {@code org-campaign-project}. Each part is a name ({@code [A-Za-z][A-Za-z0-9_]*})
 * or the wildcard {@code *}; once a part is {@code *} every later part is too, so {@code acme-*-*} is a
 * scope and {@code acme-*-proj} is not. {@link #toString()} is the canonical form stored on identities.
 */
public record Scope(String org, String campaign, String project) {

    public static final String WILDCARD = "*";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final String[] PART_NAMES = {"org", "campaign", "project"};

    public Scope {
        String[] parts = {org, campaign, project};
        boolean wildcardSeen = false;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p == null || !(p.equals(WILDCARD) || NAME.matcher(p).matches())) {
                throw new IllegalArgumentException(PART_NAMES[i] + " " + Printable.quoted(p) + " must be '*' or "
                        + "a letter followed by letters, digits or '_'");
            }
            if (wildcardSeen && !p.equals(WILDCARD)) {
                throw new IllegalArgumentException("once a part is '*', the parts after it must be '*' too ("
                        + PART_NAMES[i] + " is " + Printable.quoted(p) + ")");
            }
            wildcardSeen |= p.equals(WILDCARD);
        }
    }

    /**
     * Parses {@code org-campaign-project} exactly as given. Surrounding whitespace is refused, as alchemiscale
     * refuses it: its {@code Scope.from_str} keeps the whitespace in the first or last part, which then
     * fails its part pattern (so {@code " acme-*-*"} and {@code "acme-x-y "} are not scopes).
     *
     * @throws IllegalArgumentException naming the scope (control characters escaped) and what is wrong with it
     */
    public static Scope parse(String text) {
        String t = text == null ? "" : text;
        String shown = Printable.quoted(t);
        if (!t.isEmpty() && (blank(t.codePointAt(0)) || blank(t.codePointBefore(t.length())))) {
            throw new IllegalArgumentException("bad scope " + shown + ": it has whitespace before or after it, "
                    + "which alchemiscale refuses");
        }
        String[] parts = t.split("-", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("bad scope " + shown + ": expected org-campaign-project (exactly "
                    + "three parts separated by '-'), found " + parts.length + (parts.length == 1 ? " part" : " parts"));
        }
        try {
            return new Scope(parts[0], parts[1], parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad scope " + shown + ": " + e.getMessage(), e);
        }
    }

    /** Whitespace in the widest sense, so a no-break space is reported as whitespace too. */
    private static boolean blank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** True when every part is a name: the scope of one project. */
    public boolean isSpecific() {
        return !project.equals(WILDCARD);
    }

    /** True when an identity holding this scope may act in {@code target}: every non-wildcard part is equal. */
    public boolean isSupersetOf(Scope target) {
        return covers(org, target.org) && covers(campaign, target.campaign) && covers(project, target.project);
    }

    private static boolean covers(String mine, String theirs) {
        return mine.equals(WILDCARD) || mine.equals(theirs);
    }

    /** The canonical form, {@code org-campaign-project}. */
    @Override
    public String toString() {
        return org + "-" + campaign + "-" + project;
    }
}
