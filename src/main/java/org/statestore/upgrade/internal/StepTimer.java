package org.statestore.upgrade.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs named steps, logs each with its time, and remembers them for the report. */
final class StepTimer {

    /** A finished step and how long it took. */
    record Step(String name, Duration elapsed) {
    }

    private final Consumer<String> log;
    private final List<Step> steps = new ArrayList<>();

    StepTimer(Consumer<String> log) {
        this.log = log;
    }

    <T> T run(String name, Supplier<T> work) {
        log.accept("step: " + name + " ...");
        long t0 = System.nanoTime();
        T result = work.get();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        steps.add(new Step(name, elapsed));
        log.accept("step: " + name + " done in " + elapsed.toMillis() + " ms");
        return result;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }
}
