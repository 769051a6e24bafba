package org.statestore.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.statestore.upgrade.UpgradeCheck;
import org.statestore.upgrade.UpgradeFailure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statestore upgrade check}: what an upgrade would find, worked out on a temporary copy. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Report what 'upgrade store' would find in a Neo4j 4.4 dump, without changing anything: the "
                + "store format, BTREE indexes to convert, the alchemiscale shape, networks without marks, "
                + "LocalDateTime values to convert, identities, and the command to run next.",
        footerHeading = "%nExamples:%n",
        footer = {"  statestore upgrade check --from-dump backups/neo4j-2024-05-01.dump --output json"})
final class UpgradeCheckCommand implements Callable<Integer>, Reporting {

    private final Console console;

    @Mixin
    OutputOptions output;

    @Option(names = "--from-dump", paramLabel = "FILE", required = true, description = "The Neo4j 4.4 dump.")
    Path dump;

    UpgradeCheckCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        UpgradeCheck.Report r;
        try {
            r = new UpgradeCheck(console::log).run(dump);
        } catch (UpgradeFailure f) {
            ExitCode code = UpgradeFailures.exitCode(f);
            if (output.json()) {
                JsonOutput.print(console.out(), JsonOutput.envelope(commandName(), code, f.getMessage()));
            }
            console.error(f.getMessage());
            return code.code();
        }
        if (output.json()) {
            Map<String, Object> doc = JsonOutput.envelope(commandName(), ExitCode.OK, null);
            doc.put("storeFormat", r.storeFormat());
            doc.put("formatIntroducedIn", r.introducedIn());
            doc.put("btreeIndexesToConvert", r.btreeIndexes());
            doc.put("shape", r.shape());
            doc.put("networks", r.networks());
            doc.put("networksWithoutMark", r.unmarkedNetworks());
            doc.put("localDateTimesToConvert", r.localDateTimes());
            doc.put("identities", r.identities());
            doc.put("next", r.nextCommand());
            JsonOutput.print(console.out(), doc);
        } else {
            var out = console.out();
            out.println("store format:             " + r.storeFormat() + " (Neo4j " + r.introducedIn() + "), needs migration to Neo4j 5");
            out.println("BTREE indexes to convert: " + r.btreeIndexes());
            out.println("alchemiscale shape:       " + r.shape());
            out.println("networks without a mark:  " + r.unmarkedNetworks() + " of " + r.networks());
            r.localDateTimes().forEach((k, v) -> out.println("LocalDateTime to convert: " + k + " " + v));
            out.println("identities:               " + r.identities());
            out.println("next:                     " + r.nextCommand());
            out.flush();
        }
        return ExitCode.OK.code();
    }

    @Override
    public String commandName() {
        return "upgrade check";
    }

    @Override
    public boolean json() {
        return output != null && output.json();
    }
}
