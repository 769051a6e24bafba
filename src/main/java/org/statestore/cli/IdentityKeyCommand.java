package org.statestore.cli;

import java.security.SecureRandom;
import java.util.Optional;

import org.statestore.Statestore;
import org.statestore.identity.ApiKey;

import picocli.CommandLine.Mixin;

/**
 * {@code identity add}, {@code update-key} and {@code verify}: one identity ({@code -t}, {@code -i}) and its key,
 * read before anything connects.
 */
abstract class IdentityKeyCommand extends IdentityTargetCommand {

    @Mixin
    IdentityKeyOptions key;

    private final Terminal terminal;

    private ApiKey used;

    private Optional<ApiKey> generated;

    IdentityKeyCommand(Console console) {
        super(console);
        this.terminal = Terminal.of(console);
    }

    /** The key used when none is given: by default a new random one, printed once. */
    ApiKey keyWhenNoneGiven() {
        return ApiKey.generate(new SecureRandom());
    }

    /** The run on the open store with {@code key}; {@code generated} holds it when it was made here. */
    abstract Report report(Statestore store, ApiKey key, Optional<ApiKey> generated);

    @Override
    void prepare() {
        super.prepare();
        Optional<ApiKey> given = key.read(console, terminal);
        used = given.orElseGet(this::keyWhenNoneGiven);
        generated = given.isPresent() ? Optional.empty() : Optional.of(used);
    }

    @Override
    final Report report(Statestore store) {
        return report(store, used, generated);
    }
}
