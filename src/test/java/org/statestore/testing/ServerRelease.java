package org.statestore.testing;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What differs between Neo4j release lines when starting one: the Java it needs, its setting names (4.x
 * spells them {@code dbms.*}), its admin tool's password command, and the JVM flags it wants.
 *
 * @param version the release, e.g. {@code 5.18.1} or {@code 2026.08.1}
 * @param major   its first number (4, 5, or a calendar year)
 */
public record ServerRelease(String version, int major) {

    public static ServerRelease of(String version) {
        return new ServerRelease(version, Integer.parseInt(version.split("\\.")[0]));
    }

    /** Whether this release is {@code other} or newer, compared number by number. */
    public boolean atLeast(String other) {
        String[] a = version.split("\\.");
        String[] b = other.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return x > y;
            }
        }
        return true;
    }

    /** Calendar releases (2025.x on) need Java 21 or newer; 4.4 and 5.x run on 17. */
    public int minimumJava() {
        return major >= 2025 ? 21 : 17;
    }

    /** 4.4 does not start on Java 21 or newer. */
    public int maximumJava() {
        return major < 5 ? 17 : Integer.MAX_VALUE;
    }

    /** Bolt on {@code port} of loopback, no HTTP, a small page cache. */
    public Map<String, String> baseSettings(int port) {
        if (major < 5) {
            return Map.of("dbms.connector.bolt.listen_address", "127.0.0.1:" + port,
                    "dbms.connector.http.enabled", "false",
                    "dbms.connector.https.enabled", "false",
                    "dbms.memory.pagecache.size", "64m");
        }
        return Map.of("server.bolt.listen_address", "127.0.0.1:" + port,
                "server.http.enabled", "false",
                "server.https.enabled", "false",
                "server.memory.pagecache.size", "64m");
    }

    /** The admin tool's arguments that set the initial password before the first start. */
    public List<String> setInitialPassword(String password) {
        return major < 5 ? List.of("set-initial-password", password)
                : List.of("dbms", "set-initial-password", password);
    }

    /** What the server's own start script passes: direct-buffer access for the page cache, native helpers. */
    public List<String> jvmFlags() {
        List<String> opens = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        if (minimumJava() >= 21) {
            return concat(opens, List.of("--enable-native-access=ALL-UNNAMED"));
        }
        return opens;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
