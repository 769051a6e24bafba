package org.statestore.migrate.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
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
import org.statestore.cypher.internal.ScriptHeader;
import org.statestore.migrate.CypherUnit;
import org.statestore.migrate.JavaMigration;
import org.statestore.migrate.JavaUnit;
import org.statestore.migrate.Location;
import org.statestore.migrate.Precondition;
import org.statestore.migrate.RepeatableUnit;
import org.statestore.migrate.RollbackPlan;
import org.statestore.migrate.ShapeDetector;
import org.statestore.migrate.Unit;
import org.statestore.migrate.UnitDiscoveryException;
import org.statestore.migrate.Version;

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
        List<RollbackPlan.UndoScript> undos = new ArrayList<>();
        for (Location location : locations) {
            if (location instanceof Location.Directory d) {
                loadDirectory(d.path(), units, undos, problems);
            } else {
                loadBundledScripts(units, undos, problems);
                loadServiceJavaUnits(units, problems);
            }
        }
        for (JavaMigration m : extraJavaUnits) {
            addJavaUnit(m, units, problems);
        }
        attachUndos(units, undos, problems);
        Map<Version, List<Unit>> byVersion = new TreeMap<>();
        Map<String, List<Unit>> byDescription = new TreeMap<>();
        for (Unit u : units) {
            if (u instanceof RepeatableUnit r) {
                byDescription.computeIfAbsent(r.description(), d -> new ArrayList<>()).add(u);
                continue;
            }
            byVersion.computeIfAbsent(u.version(), v -> new ArrayList<>()).add(u);
        }
        byVersion.forEach((version, same) -> {
            if (same.size() > 1) {
                problems.add("duplicate version " + version + ": "
                        + String.join(", ", same.stream().map(Unit::source).toList()));
            }
        });
        byDescription.forEach((description, same) -> {
            if (same.size() > 1) {
                problems.add("duplicate repeatable unit '" + description + "': "
                        + String.join(", ", same.stream().map(Unit::source).toList()));
            }
        });
        if (!problems.isEmpty()) {
            throw new UnitDiscoveryException(String.join("; ", problems));
        }
        // Versioned units by version, then repeatable units by description: the order they run in.
        units.sort(Comparator.comparing((Unit u) -> u instanceof RepeatableUnit)
                .thenComparing((a, b) -> a instanceof RepeatableUnit ra && b instanceof RepeatableUnit rb
                        ? ra.description().compareTo(rb.description()) : a.version().compareTo(b.version())));
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

    private void loadDirectory(Path dir, List<Unit> units, List<RollbackPlan.UndoScript> undos, List<String> problems) {
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
                addScript(file.getFileName().toString(), file.toString(), Files.readAllBytes(file), units, undos, problems);
            } catch (IOException e) {
                problems.add("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    private void loadBundledScripts(List<Unit> units, List<RollbackPlan.UndoScript> undos, List<String> problems) {
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
                addScript(r.getKey(), "classpath:" + BUNDLED_FOLDER + r.getKey(), in.readAllBytes(), units, undos, problems);
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

    /** Pairs each undo script with the unit of its version; an undo script without one is an error. */
    private static void attachUndos(List<Unit> units, List<RollbackPlan.UndoScript> undos, List<String> problems) {
        for (RollbackPlan.UndoScript undo : undos) {
            Version v = UnitName.parseUndo(bareName(undo.source())).orElseThrow().version();
            boolean attached = false;
            for (int i = 0; i < units.size(); i++) {
                Unit u = units.get(i);
                if (!(u instanceof RepeatableUnit) && u.version().equals(v)) {
                    units.set(i, u instanceof CypherUnit c ? c.withUndo(undo) : ((JavaUnit) u).withUndo(undo));
                    attached = true;
                }
            }
            if (!attached) {
                problems.add(undo.source() + ": undo script without a unit: no V" + v.text().replace('.', '_')
                        + "__*.cypher or Java unit has version " + v);
            }
        }
    }

    private static String bareName(String source) {
        String file = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        return file.substring(0, file.length() - EXTENSION.length());
    }

    private static void addScript(String fileName, String source, byte[] bytes, List<Unit> units,
                                  List<RollbackPlan.UndoScript> undos, List<String> problems) {
        String bare = fileName.substring(0, fileName.length() - EXTENSION.length());
        Optional<UnitName> name = UnitName.parse(bare);
        Optional<UnitName> undoName = UnitName.parseUndo(bare);
        Optional<String> repeatable = UnitName.parseRepeatable(bare);
        if (name.isEmpty() && undoName.isEmpty() && repeatable.isEmpty()) {
            problems.add(source + ": malformed unit name, expected " + UnitName.rule() + EXTENSION
                    + " (or U<version>__<Description>" + EXTENSION + " for an undo script, R__<Description>"
                    + EXTENSION + " for a repeatable unit)");
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(source + ": not UTF-8 text");
            return;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark is not part of the first statement
        }
        try {
            CypherScript script = CypherScript.parse(source, text);
            ScriptHeader header = ScriptHeader.parse(text);
            String note = header.value("rollback").orElse("");
            List<Precondition> preconditions = new ArrayList<>();
            for (ScriptHeader.Entry e : header.entries()) {
                if (e.key().equals(Precondition.REQUIRES) || e.key().equals(Precondition.SKIP_UNLESS)) {
                    try {
                        preconditions.add(Precondition.parse(e.key(), e.value()));
                    } catch (IllegalArgumentException bad) {
                        problems.add(source + ": " + bad.getMessage());
                        return;
                    }
                }
            }
            if (repeatable.isPresent()) {
                units.add(new RepeatableUnit(repeatable.get(), source, script, preconditions));
            } else if (undoName.isPresent()) {
                undos.add(new RollbackPlan.UndoScript(source, script, note));
            } else {
                units.add(new CypherUnit(name.get().version(), name.get().description(), source, script, note,
                        Optional.empty(), preconditions));
            }
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
