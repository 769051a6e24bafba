package org.statestore.neo4j.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.statestore.neo4j.ConnectionException;

/**
 * Finds the embedded Neo4j: on statestore's own class path (tests, applications that add {@code org.neo4j:neo4j}),
 * else in {@code lib/embedded} beside statestore's jar, the CLI distribution's layout, in a class loader of its
 * own. The distribution keeps those 200 jars off the jar's class path because every class or resource lookup
 * that misses (the JDK's own service lookups do) opens each jar on it: a command against a server paid about a
 * tenth of a second and 15 MB for a server it never starts.
 */
public final class EngineLoader {

    /** A directory of the embedded server's jars, for layouts other than the distribution's. */
    public static final String DIRECTORY_PROPERTY = "statestore.embedded.lib";

    static final String ENGINE_PACKAGE = "org.statestore.neo4j.internal.engine.";
    private static final String IMPLEMENTATION = ENGINE_PACKAGE + "CommunityEngine";
    private static final String PROBE = "org.neo4j.dbms.api.DatabaseManagementService";

    private EngineLoader() {
    }

    /** Whether an embedded Neo4j is there to start, without loading it. */
    public static boolean available() {
        return onClassPath() || !jars().isEmpty();
    }

    /**
     * The engine, loaded once per process (its classes are the server's, thousands of them); a
     * {@link ConnectionException} (UNAVAILABLE) when there is none.
     */
    public static Neo4jEngine engine() {
        return Loaded.ENGINE.orElseThrow(() -> new ConnectionException(ConnectionException.Kind.UNAVAILABLE,
                "the embedded Neo4j is not installed: neither on the class path nor in " + directory()
                        .map(Path::toString).orElse("lib/embedded beside statestore's jar")
                        + "; set NEO4J_URL, or add org.neo4j:neo4j to use the embedded store"));
    }

    /** Holds the loaded engine; initialised on first use, so a command against a server never loads it. */
    private static final class Loaded {
        static final Optional<Neo4jEngine> ENGINE = load();
    }

    private static Optional<Neo4jEngine> load() {
        ClassLoader own = EngineLoader.class.getClassLoader();
        try {
            if (onClassPath()) {
                return Optional.of(instantiate(own));
            }
            List<Path> jars = jars();
            if (jars.isEmpty()) {
                return Optional.empty();
            }
            List<URL> urls = new ArrayList<>();
            urls.add(ownLocation().orElseThrow().toUri().toURL());
            for (Path jar : jars) {
                urls.add(jar.toUri().toURL());
            }
            return Optional.of(instantiate(new EngineClassLoader(urls.toArray(URL[]::new), own)));
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the embedded Neo4j: " + e, e);
        }
    }

    private static Neo4jEngine instantiate(ClassLoader loader) throws ReflectiveOperationException {
        try {
            return (Neo4jEngine) Class.forName(IMPLEMENTATION, true, loader).getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the embedded Neo4j failed to load: " + e.getCause(), e.getCause());
        }
    }

    private static boolean onClassPath() {
        try {
            Class.forName(PROBE, false, EngineLoader.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The embedded server's jars, sorted by name; empty when the directory is missing or holds none. */
    private static List<Path> jars() {
        Optional<Path> dir = directory();
        if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir.get())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** {@value #DIRECTORY_PROPERTY}, else {@code lib/embedded} beside the jar this class came from. */
    static Optional<Path> directory() {
        String property = System.getProperty(DIRECTORY_PROPERTY, "");
        if (!property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        return ownLocation().filter(Files::isRegularFile)
                .map(jar -> jar.toAbsolutePath().getParent().resolve("lib").resolve("embedded"));
    }

    private static Optional<Path> ownLocation() {
        CodeSource source = EngineLoader.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Defines the engine's package itself, from statestore's jar, and asks its parent first for everything
     * else: the engine sees Neo4j's jars and shares every other class (its interface, the options, the
     * driver's Netty) with the rest of statestore.
     */
    static final class EngineClassLoader extends URLClassLoader {

        static {
            registerAsParallelCapable();
        }

        EngineClassLoader(URL[] urls, ClassLoader parent) {
            super("statestore-embedded-neo4j", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(ENGINE_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
