package org.statestore.cli;

import org.neo4j.driver.Driver;
import org.statestore.Statestore;
import org.statestore.neo4j.internal.EmbeddedServer;
import org.statestore.neo4j.internal.EngineLoader;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the tool, the driver and the embedded Neo4j. */
final class VersionInfo implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "statestore " + Statestore.toolVersion(),
            "neo4j-java-driver " + packageVersion(Driver.class),
            EngineLoader.available() ? "embedded Neo4j " + EmbeddedServer.neo4jVersion()
                    : "embedded Neo4j: not installed (remote databases only)",
            "Java " + System.getProperty("java.version"),
        };
    }


    private static String packageVersion(Class<?> type) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
