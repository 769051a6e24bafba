package org.statestore.alchemiscale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.alchemiscale.internal.ReleaseTargets.ReleaseLine;
import org.statestore.migrate.Version;

@DisplayName("the bundled target for each alchemiscale release line")
class ReleaseTargetsTest {

    private static Optional<String> target(String release) {
        return ReleaseTargets.forRelease(Version.parse(release)).map(l -> l.target().text());
    }

    @Test
    @DisplayName("v0.4.x to v0.6.x stop at 0.4.0, v0.7.x at 0.7.1, v0.3 at the constraints")
    void targetsPerRelease() {
        assertEquals(Optional.of("0.1.0"), target("0.3.0"));
        assertEquals(Optional.of("0.4.0"), target("0.4.0"));
        assertEquals(Optional.of("0.4.0"), target("0.6.2"));
        assertEquals(Optional.of("0.7.1"), target("0.7.0"));
        assertEquals(Optional.of("0.7.1"), target("0.7.2"));
        assertEquals(Optional.empty(), target("0.8.0"));
    }

    @Test
    @DisplayName("a store serves the line whose target it is at, the newest line past every target, none in between")
    void servedAt() {
        assertEquals(Optional.of("v0.4.x to v0.6.x"), ReleaseTargets.servedAt(Version.parse("0.4.0"))
                .map(ReleaseLine::releases));
        assertEquals(Optional.of("v0.7.x"), ReleaseTargets.servedAt(Version.parse("0.7.1")).map(ReleaseLine::releases));
        assertEquals(Optional.of("v0.7.x"), ReleaseTargets.servedAt(Version.parse("1.0")).map(ReleaseLine::releases));
        assertTrue(ReleaseTargets.servedAt(Version.parse("0.7.0")).isEmpty());
        assertTrue(ReleaseTargets.servedAt(Version.parse("0.3.0")).isEmpty());
    }

    @Test
    @DisplayName("the earlier lines are listed newest first")
    void earlier() {
        assertEquals(List.of("0.4.0", "0.1.0"), ReleaseTargets.earlierThan(ReleaseTargets.newest()).stream()
                .map(l -> l.target().text()).toList());
        assertEquals(List.of(), ReleaseTargets.earlierThan(ReleaseTargets.LINES.get(0)));
    }
}
