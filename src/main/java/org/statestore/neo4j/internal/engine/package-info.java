/**
 * Not API: the one place that calls the embedded Neo4j's server classes (the DBMS builder, its settings, the
 * system database's user node, the admin tool). In the CLI distribution these classes are loaded, with the
 * server's jars, by a class loader of their own ({@link org.statestore.neo4j.internal.EngineLoader}); nothing
 * else in statestore may import {@code org.neo4j} packages other than the driver's.
 */
package org.statestore.neo4j.internal.engine;
