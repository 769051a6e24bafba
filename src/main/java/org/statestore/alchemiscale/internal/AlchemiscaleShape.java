package org.statestore.alchemiscale.internal;

import java.util.Optional;

import org.neo4j.driver.Session;
import org.statestore.alchemiscale.StoreSurvey;
import org.statestore.migrate.Baseline;
import org.statestore.migrate.MigrationContext;
import org.statestore.migrate.ShapeDetector;
import org.statestore.migrate.Version;

/**
 * Recognises an alchemiscale store that statestore has never versioned (alchemiscale keeps no schema
 * version) by its shape, so {@code migrate up} baselines it instead of re-running what it already has:
 *
 * <table>
 * <caption>decision, first match wins</caption>
 * <tr><th>shape</th><th>baseline</th></tr>
 * <tr><td>any of the four constraints missing</td><td>none: every unit applies (all are idempotent, and
 *     0.1.0 restores the constraints that a baseline would have skipped); logged when there is data</td></tr>
 * <tr><td>some AlchemicalNetwork has no NetworkMark</td><td>0.3.0 "alchemiscale v0.3 shape"</td></tr>
 * <tr><td>networks exist and every one is marked, or NetworkMarks exist without networks</td>
 *     <td>0.4.0 "alchemiscale v0.4+ shape" (0.7.0 then converts whatever times are still local)</td></tr>
 * <tr><td>no network, but v0.3's {@code :NOPE} node</td><td>0.3.0 "alchemiscale v0.3 shape"</td></tr>
 * <tr><td>no network, no {@code :NOPE}</td>
 *     <td>0.1.0 "alchemiscale initialised, no networks": {@code database init} ran, nothing tells which
 *     release, and the later units are harmless on such a store</td></tr>
 * </table>
 *
 * statestore's own {@code __Statestore*} nodes never count as data.
 */
public final class AlchemiscaleShape implements ShapeDetector {

    static final Version V0_1_0 = Version.parse("0.1.0");
    static final Version V0_3_0 = Version.parse("0.3.0");
    static final Version V0_4_0 = Version.parse("0.4.0");

    @Override
    public Optional<Baseline> detect(MigrationContext context) {
        StoreSurvey survey;
        try (Session session = context.session()) {
            survey = StoreSurvey.of(session);
        }
        Optional<Baseline> baseline = decide(survey);
        if (baseline.isEmpty() && survey.hasData()) {
            context.progress().accept("not baselining: the database holds data but not all of alchemiscale's four "
                    + "constraints (" + survey.evidence() + "); every unit applies, and each is safe on existing data");
        }
        return baseline;
    }

    /** The decision table above, on a survey already taken. */
    public static Optional<Baseline> decide(StoreSurvey s) {
        if (!s.allConstraints()) {
            return Optional.empty();
        }
        String evidence = s.evidence();
        if (s.unmarkedNetworks() > 0) {
            return Optional.of(new Baseline(V0_3_0, "alchemiscale v0.3 shape", evidence));
        }
        if (s.networks() > 0 || s.networkMarks() > 0) {
            return Optional.of(new Baseline(V0_4_0, "alchemiscale v0.4+ shape", evidence));
        }
        if (s.nope()) {
            return Optional.of(new Baseline(V0_3_0, "alchemiscale v0.3 shape", evidence));
        }
        return Optional.of(new Baseline(V0_1_0, "alchemiscale initialised, no networks", evidence));
    }
}
