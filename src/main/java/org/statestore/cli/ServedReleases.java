package org.statestore.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.statestore.alchemiscale.internal.ReleaseTargets;
import org.statestore.alchemiscale.internal.ReleaseTargets.ReleaseLine;
import org.statestore.migrate.Version;

/** Renders which alchemiscale releases a store at a version serves, and how an operator stops earlier. */
final class ServedReleases {

    private ServedReleases() {
    }

    /** One line for people; the earlier targets only when the operator gave no {@code --target}. */
    static String text(Version current, boolean targeted) {
        Optional<ReleaseLine> served = ReleaseTargets.servedAt(current);
        if (served.isEmpty()) {
            return "serves no alchemiscale release line completely (bundled targets: " + targets(ReleaseTargets.LINES)
                    + "); run 'statestore migrate up --target VERSION' with one of them";
        }
        String serves = "serves alchemiscale " + served.get().releases() + " (bundled target "
                + served.get().target().text() + ")";
        List<ReleaseLine> earlier = ReleaseTargets.earlierThan(served.get());
        if (targeted || earlier.isEmpty()) {
            return serves;
        }
        return serves + "; for an older server stop earlier: " + targets(earlier);
    }

    /** The same as JSON fields: {@code serves}, {@code target} and {@code stopEarlier}. */
    static Map<String, Object> json(Version current) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Optional<ReleaseLine> served = ReleaseTargets.servedAt(current);
        doc.put("serves", served.map(ReleaseLine::releases).orElse(null));
        doc.put("target", served.map(l -> l.target().text()).orElse(null));
        doc.put("stopEarlier", (served.isPresent() ? ReleaseTargets.earlierThan(served.get()) : ReleaseTargets.LINES)
                .stream().map(ServedReleases::entry).toList());
        return doc;
    }

    private static Map<String, Object> entry(ReleaseLine line) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("releases", line.releases());
        m.put("target", line.target().text());
        return m;
    }

    private static String targets(List<ReleaseLine> lines) {
        return String.join(", ", lines.stream().map(l -> "--target " + l.target().text() + " for " + l.releases())
                .toList());
    }
}
