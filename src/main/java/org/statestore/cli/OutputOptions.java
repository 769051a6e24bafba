package org.statestore.cli;

import picocli.CommandLine.Option;

/** {@code --output table|json}: people read tables, scripts read one JSON document on stdout. */
final class OutputOptions {

    /** The output formats. */
    public enum Format { table, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Format format = Format.table;

    boolean json() {
        return format == Format.json;
    }
}
