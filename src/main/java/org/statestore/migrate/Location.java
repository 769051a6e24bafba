package org.statestore.migrate;

import java.nio.file.Path;
import java.util.Objects;

/** A place units are read from. */
public sealed interface Location {

    /**
     * The units shipped inside statestore (and any application jar beside it): Cypher files under
     * {@code statestore/migrations/} on the class path, and Java units registered with
     * {@link java.util.ServiceLoader}.
     */
    record Bundled() implements Location {
        @Override
        public String toString() {
            return "bundled";
        }
    }

    /** A directory on disk whose {@code *.cypher} files are units (not recursive). */
    record Directory(Path path) implements Location {
        public Directory {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    static Location bundled() {
        return new Bundled();
    }

    static Location directory(Path path) {
        return new Directory(path);
    }
}
