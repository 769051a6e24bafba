/**
 * The {@code statestore} command line: picocli commands that map flags and environment variables to
 * the {@link org.statestore.Statestore} facade and its results to text, JSON and exit codes. No
 * migration logic lives here.
 */
package org.statestore.cli;
