/**
 * The {@code statestore} command line: picocli commands that map flags and environment variables to
 * the {@link org.statestore.Statestore} facade and its results to text, JSON and exit codes. No
 * migration logic lives here. Its API is running the CLI in-process ({@link org.statestore.cli.Main} with a
 * {@link org.statestore.cli.Console}, and {@link org.statestore.cli.ExitCode}); the commands are package-private.
 */
package org.statestore.cli;
