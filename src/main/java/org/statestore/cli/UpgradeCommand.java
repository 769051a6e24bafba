package org.statestore.cli;

import java.util.List;
import java.util.Optional;

import org.statestore.migrate.Version;
import org.statestore.migrate.internal.Targets;
import org.statestore.upgrade.internal.StoreUpgrade;

import picocli.CommandLine.Command;

/** The parent of the store-upgrade verbs, and what they share: reading {@code --target}. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Upgrade an alchemiscale v0.3 store on Neo4j 4.4 to Neo4j 5 and the current schema, in one command.",
        subcommands = {UpgradeStoreCommand.class, UpgradeCheckCommand.class})
final class UpgradeCommand {

    /**
     * Parses {@code --target} for the upgrade commands: exit 2 for a malformed one or one below 0.4.0, exit 6 for one
     * that names no bundled unit (the bundled units are known without the dump, so nothing is loaded or created);
     * {@code latest} is the newest bundled unit.
     */
    static Optional<Version> target(String text) {
        if (text == null) {
            return Optional.empty();
        }
        List<Version> bundled = StoreUpgrade.bundledVersions();
        Version target = Targets.isLatest(text) ? bundled.stream().max(Version::compareTo).orElseThrow()
                : MigrationCommand.parseVersion(text);
        StoreUpgrade.refuseTarget(target).ifPresent(why -> {
            throw new UsageException(why);
        });
        Targets.require(target, bundled);
        return Optional.of(target);
    }
}
