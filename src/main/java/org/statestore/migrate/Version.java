package org.statestore.migrate;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A unit's version: digit groups separated by {@code _} or {@code .}, ordered numerically part by part
 * ({@code 0_10_0} after {@code 0_9_0}) with trailing zero parts ignored, so {@code 1} equals {@code 1_0}.
 *
 * @param parts the numeric parts as written
 * @param text  the version as shown to people: the parts joined with dots, leading zeros kept
 */
public record Version(List<BigInteger> parts, String text) implements Comparable<Version> {

    private static final Pattern FORM = Pattern.compile("\\d+([._]\\d+)*");

    public Version {
        parts = List.copyOf(parts);
        Objects.requireNonNull(text, "text");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a version has at least one part");
        }
    }

    /** Parses {@code 0_1_0}, {@code 0.1.0} or {@code 12}; throws {@link IllegalArgumentException} otherwise. */
    public static Version parse(String written) {
        if (written == null || !FORM.matcher(written).matches()) {
            throw new IllegalArgumentException("'" + written + "' is not a version (digits separated by '_' or '.')");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String p : written.split("[._]")) {
            parts.add(new BigInteger(p));
        }
        return new Version(parts, written.replace('_', '.'));
    }

    private List<BigInteger> significant() {
        int end = parts.size();
        while (end > 1 && parts.get(end - 1).signum() == 0) {
            end--;
        }
        return parts.subList(0, end);
    }

    @Override
    public int compareTo(Version other) {
        List<BigInteger> a = significant();
        List<BigInteger> b = other.significant();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Versions are equal when they compare equal: {@code 1 == 1.0 == 1_0_0}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return significant().hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
