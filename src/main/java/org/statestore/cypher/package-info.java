/**
 * Reads Cypher migration scripts: splits them into statements the way Neo4j's own tools do
 * (on {@code ;} outside strings, backtick names and comments) without changing a statement's text,
 * and classifies each statement so the runner can choose a transaction mode. Reading a script's header
 * comments for unit discovery is {@code org.statestore.cypher.internal}'s.
 */
package org.statestore.cypher;
