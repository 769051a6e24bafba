package org.statestore.alchemiscale;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The compute service identifier rule of alchemiscale after v0.7.2 (main's {@code models.py:22-47}):
 * {@code {name}-{uuid}}, split on {@code -} into exactly two parts, the name matching
 * {@code [a-zA-Z][a-zA-Z0-9_.:]*} and the uuid readable by Python's {@code UUID}. Services up to v0.7.1
 * registered {@code {name}-{str(uuid4())}}, whose hyphenated uuid gives six parts.
 *
 * <p>The uuid part must be exactly 32 hex digits. Python's {@code UUID} also takes braces, a {@code urn:uuid:}
 * prefix and a sign; no alchemiscale release writes those, so the stricter rule only ever flags what no
 * service wrote.
 */
final class ComputeServiceId {

    /** The name part's pattern, as main's {@code _allowed_name_pattern} spells it. */
    public static final String NAME_PATTERN = "[a-zA-Z][a-zA-Z0-9_.:]*";

    /** The identifier form, for messages. */
    public static final String FORM = "{name}-{32 hex digits}";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");

    private ComputeServiceId() {
    }

    /** Whether alchemiscale after v0.7.2 accepts {@code identifier}; null never conforms. */
    public static boolean conforms(String identifier) {
        return problem(identifier).isEmpty();
    }

    /** Why alchemiscale after v0.7.2 rejects {@code identifier}; empty when it accepts it. */
    public static Optional<String> problem(String identifier) {
        if (identifier == null) {
            return Optional.of("no identifier");
        }
        // -1 keeps trailing empty parts, as Python's str.split does: "name-" is two parts, the second empty.
        String[] parts = identifier.split("-", -1);
        if (parts.length != 2) {
            return Optional.of(parts.length + " parts between '-', not 2");
        }
        if (!NAME.matcher(parts[0]).matches()) {
            return Optional.of("the name does not match " + NAME_PATTERN);
        }
        if (!HEX32.matcher(parts[1]).matches()) {
            return Optional.of("the uuid is not 32 hex digits");
        }
        return Optional.empty();
    }
}
