package org.statestore.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.statestore.cypher.CypherScript;
import org.statestore.cypher.ScriptSyntaxException;

/**
 * Collects the units of some locations into one list sorted by version, refusing malformed names,
 * unparsable scripts and duplicate versions with one message that names every offending file.
 *
 * <p>Bundled Cypher units are listed from the one known resource folder (a directory, or that folder's
 * entries in its jar), and Java units come from {@link ServiceLoader}: nothing scans the class path.
 */
public final class UnitCatalog {

    static final String BUNDLED_FOLDER = "statestore/migrations/";
    private static final String EXTENSION = ".cypher";

    private final ClassLoader classLoader;

    public UnitCatalog(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** All units of {@code locations} plus {@code extraJavaUnits}, sorted by version. */
    public List<Unit> load(List<Location> locations, List<JavaMigration> extraJavaUnits) {
        List<String> problems = new ArrayList<>();
        List<Unit> units = new ArrayList<>();
        for (Location location : locations) {
            if (location instanceof Location.Directory d) {
                loadDirectory(d.path(), units, problems);
            } else {
                loadBundledScripts(units, problems);
                loadServiceJavaUnits(units, problems);
            }
        }
        for (JavaMigration m : extraJavaUnits) {
            addJavaUnit(m, units, problems);
        }
        Map<Version, List<Unit>> byVersion = new TreeMap<>();
        for (Unit u : units) {
            byVersion.computeIfAbsent(u.version(), v -> new ArrayList<>()).add(u);
        }
        byVersion.forEach((version, same) -> {
            if (same.size() > 1) {
                problems.add("duplicate version " + version + ": "
                        + String.join(", ", same.stream().map(Unit::source).toList()));
            }
        });
        if (!problems.isEmpty()) {
            throw new UnitDiscoveryException(String.join("; ", problems));
        }
        units.sort(Comparator.comparing(Unit::version));
        return List.copyOf(units);
    }

    /** The shape detectors registered with ServiceLoader; only bundled locations bring them. */
    public List<ShapeDetector> detectors(List<Location> locations) {
        if (locations.stream().noneMatch(l -> l instanceof Location.Bundled)) {
            return List.of();
        }
        List<ShapeDetector> found = new ArrayList<>();
        ServiceLoader.load(ShapeDetector.class, classLoader).forEach(found::add);
        return List.copyOf(found);
    }

    private void loadDirectory(Path dir, List<Unit> units, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add("location " + dir + " is not a directory");
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(EXTENSION))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e.getMessage());
            return;
        }
        for (Path file : files) {
            try {
                addScript(file.getFileName().toString(), file.toString(), Files.readAllBytes(file), units, problems);
            } catch (IOException e) {
                problems.add("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    private void loadBundledScripts(List<Unit> units, List<String> problems) {
        Map<String, URL> resources = new LinkedHashMap<>();
        try {
            Enumeration<URL> roots = classLoader.getResources(BUNDLED_FOLDER);
            for (URL root : Collections.list(roots)) {
                for (String name : listFolder(root)) {
                    resources.putIfAbsent(name, new URL(root, name));
                }
            }
        } catch (IOException | URISyntaxException e) {
            problems.add("cannot list bundled units: " + e.getMessage());
            return;
        }
        for (Map.Entry<String, URL> r : resources.entrySet()) {
            try (InputStream in = r.getValue().openStream()) {
                addScript(r.getKey(), "classpath:" + BUNDLED_FOLDER + r.getKey(), in.readAllBytes(), units, problems);
            } catch (IOException e) {
                problems.add("cannot read bundled unit " + r.getKey() + ": " + e.getMessage());
            }
        }
    }

    private static List<String> listFolder(URL root) throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        if ("file".equals(root.getProtocol())) {
            try (Stream<Path> listing = Files.list(Path.of(root.toURI()))) {
                listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(EXTENSION)).forEach(names::add);
            }
        } else if ("jar".equals(root.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (JarEntry e : Collections.list(jar.entries())) {
                    String n = e.getName();
                    if (n.startsWith(BUNDLED_FOLDER) && n.endsWith(EXTENSION)
                            && n.indexOf('/', BUNDLED_FOLDER.length()) < 0) {
                        names.add(n.substring(BUNDLED_FOLDER.length()));
                    }
                }
            }
        }
        Collections.sort(names);
        return names;
    }

    private static void addScript(String fileName, String source, byte[] bytes, List<Unit> units,
                                  List<String> problems) {
        String bare = fileName.substring(0, fileName.length() - EXTENSION.length());
        Optional<UnitName> name = UnitName.parse(bare);
        if (name.isEmpty()) {
            problems.add(source + ": malformed unit name, expected " + UnitName.rule() + EXTENSION);
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(source + ": not UTF-8 text");
            return;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark is not part of the first statement
        }
        try {
            units.add(new CypherUnit(name.get().version(), name.get().description(), source,
                    CypherScript.parse(source, text)));
        } catch (ScriptSyntaxException e) {
            problems.add(e.getMessage());
        }
    }

    private void loadServiceJavaUnits(List<Unit> units, List<String> problems) {
        try {
            for (JavaMigration m : ServiceLoader.load(JavaMigration.class, classLoader)) {
                addJavaUnit(m, units, problems);
            }
        } catch (ServiceConfigurationError e) {
            problems.add("cannot load a Java unit: " + e.getMessage());
        }
    }

    private static void addJavaUnit(JavaMigration m, List<Unit> units, List<String> problems) {
        try {
            units.add(JavaUnit.of(m));
        } catch (UnitDiscoveryException e) {
            problems.add(e.getMessage());
        }
    }
}
