package org.statestore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The public API is what README.md's "Public API" list names, and nothing else: every other public type lives in an
 * {@code .internal} package, and no API signature mentions one. Reads only class files and the README.
 */
@DisplayName("The public API")
class PublicApiTest {

    private static final String ROOT_PACKAGE = "org.statestore.";
    private static final String INTERNAL = ".internal.";
    private static final String HEADING = "### Public API";

    @Test
    @DisplayName("is exactly the README's list: a new public type outside an internal package fails until it is listed")
    void publicTypesAreTheReadmeList() throws Exception {
        Set<String> listed = readmeList();
        Set<String> found = publicApiTypes();
        Set<String> unlisted = new TreeSet<>(found);
        unlisted.removeAll(listed);
        Set<String> missing = new TreeSet<>(listed);
        missing.removeAll(found);
        assertTrue(unlisted.isEmpty() && missing.isEmpty(), "public outside .internal but not in README.md's "
                + HEADING + ": " + unlisted + " (list it, make it package-private, or move it to an .internal "
                + "package); listed but not a public type: " + missing);
    }

    @Test
    @DisplayName("mentions no internal and no non-public statestore type in a public or protected signature")
    void signaturesMentionOnlyApiTypes() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (String name : publicApiTypes()) {
            check(Class.forName(name, false, PublicApiTest.class.getClassLoader()), leaks);
        }
        assertTrue(leaks.isEmpty(), "API signatures that mention internals:\n  " + String.join("\n  ", leaks));
    }

    @Test
    @DisplayName("is read from the classes the facade was loaded from, which hold internal types too")
    void scanSeesClasses() throws Exception {
        Set<String> all = publicTopLevelTypes();
        assertTrue(all.contains(Statestore.class.getName()), all.toString());
        assertTrue(all.stream().anyMatch(n -> n.contains(INTERNAL)), "no internal package found: " + all);
        assertFalse(readmeList().isEmpty());
    }

    /** Public top-level types outside internal packages. */
    private static Set<String> publicApiTypes() throws Exception {
        Set<String> api = new TreeSet<>();
        for (String name : publicTopLevelTypes()) {
            if (!name.contains(INTERNAL)) {
                api.add(name);
            }
        }
        return api;
    }

    /** Every public top-level type in the directory (or jar) {@link Statestore} was loaded from. */
    private static Set<String> publicTopLevelTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(Statestore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(location)) {
            collect(location, names);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
                collect(jar.getPath("/"), names);
            }
        }
        Set<String> publicOnes = new TreeSet<>();
        for (String name : names) {
            if (Modifier.isPublic(Class.forName(name, false, PublicApiTest.class.getClassLoader()).getModifiers())) {
                publicOnes.add(name);
            }
        }
        return publicOnes;
    }

    private static void collect(Path root, Set<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.endsWith("package-info.class")
                            && !f.startsWith("META-INF/"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .filter(n -> n.startsWith(ROOT_PACKAGE))
                    .forEach(names::add);
        }
    }

    /** The fenced block under README.md's {@value #HEADING} heading: one fully qualified name per line. */
    private static Set<String> readmeList() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("basedir", "."), "README.md"));
        int heading = lines.indexOf(HEADING);
        assertTrue(heading >= 0, "README.md has no line '" + HEADING + "'");
        int open = heading + 1;
        while (open < lines.size() && !lines.get(open).startsWith("```")) {
            assertFalse(lines.get(open).startsWith("#"), "no fenced block under " + HEADING);
            open++;
        }
        Set<String> listed = new TreeSet<>();
        for (int i = open + 1; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            String name = lines.get(i).strip();
            if (!name.isEmpty()) {
                assertTrue(listed.add(name), name + " is listed twice");
            }
        }
        return listed;
    }

    /** Adds to {@code leaks} every public or protected member of {@code type} (and its member types) that leaks. */
    private static void check(Class<?> type, List<String> leaks) {
        String where = type.getName();
        mentions(type.getGenericSuperclass(), where + " extends", leaks);
        for (Type t : type.getGenericInterfaces()) {
            mentions(t, where + " implements", leaks);
        }
        for (TypeVariable<?> v : type.getTypeParameters()) {
            mentions(v, where + "<" + v.getName() + ">", leaks);
        }
        if (type.isSealed()) {
            for (Class<?> p : type.getPermittedSubclasses()) {
                mentions(p, where + " permits", leaks);
            }
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                mentions(c.getGenericType(), where + " component " + c.getName(), leaks);
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                mentions(f.getGenericType(), where + "." + f.getName(), leaks);
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic()) {
                executable(m, where + "." + m.getName() + "()", leaks);
                mentions(m.getGenericReturnType(), where + "." + m.getName() + "() returns", leaks);
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers()) && !c.isSynthetic()) {
                executable(c, where + " constructor", leaks);
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (visible(nested.getModifiers()) || type.isInterface()) {
                check(nested, leaks);
            }
        }
    }

    private static void executable(Executable e, String where, List<String> leaks) {
        for (Type t : e.getGenericParameterTypes()) {
            mentions(t, where + " takes", leaks);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            mentions(t, where + " throws", leaks);
        }
        for (TypeVariable<?> v : e.getTypeParameters()) {
            mentions(v, where + " <" + v.getName() + ">", leaks);
        }
    }

    private static void mentions(Type t, String where, List<String> leaks) {
        mentions(t, where, leaks, new ArrayList<>());
    }

    private static void mentions(Type t, String where, List<String> leaks, List<TypeVariable<?>> seen) {
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.getName().startsWith(ROOT_PACKAGE) && (c.getName().contains(INTERNAL) || !accessible(c))) {
                leaks.add(where + " " + c.getName() + (c.getName().contains(INTERNAL) ? "" : " (not public)"));
            }
        } else if (t instanceof ParameterizedType p) {
            mentions(p.getRawType(), where, leaks, seen);
            if (p.getOwnerType() != null) {
                mentions(p.getOwnerType(), where, leaks, seen);
            }
            for (Type a : p.getActualTypeArguments()) {
                mentions(a, where, leaks, seen);
            }
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                mentions(b, where, leaks, seen);
            }
            for (Type b : w.getLowerBounds()) {
                mentions(b, where, leaks, seen);
            }
        } else if (t instanceof GenericArrayType g) {
            mentions(g.getGenericComponentType(), where, leaks, seen);
        } else if (t instanceof TypeVariable<?> v && !seen.contains(v)) {
            seen.add(v);
            for (Type b : v.getBounds()) {
                mentions(b, where, leaks, seen);
            }
        }
    }

    /** Public, and so are the types it is nested in: a caller can name it. */
    private static boolean accessible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) && !(k.getEnclosingClass() != null
                    && k.getEnclosingClass().isInterface())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }
}
