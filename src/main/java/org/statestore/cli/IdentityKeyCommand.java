package org.statestore.cli;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Function;

import org.statestore.Statestore;
import org.statestore.identity.ApiKey;

import picocli.CommandLine.Mixin;

/**
 * {@code identity add}, {@code update-key} and {@code verify}: one identity ({@code -t}, {@code -i}) and its key,
 * read before anything connects.
 *
 * <p>Not a {@link StoreCommand}: its {@code prepare()} can only throw, and add must refuse an identifier
 * alchemiscale's /token cannot find before it reads the key or connects, with a report that names the identity
 * in JSON. The store is still opened by a StoreCommand, so connecting stays in one place.
 */
abstract class IdentityKeyCommand extends ReportingCommand {

    @Mixin
    IdentityTypeOption type;

    @Mixin
    IdentityIdOption id;

    @Mixin
    IdentityKeyOptions key;

    @Mixin
    ConnectionOptions connection;

    /** The identifier, set before anything connects. */
    String identifier;

    private final Terminal terminal;

    IdentityKeyCommand(Console console) {
        super(console);
        this.terminal = Terminal.of(console);
    }

    /** A report that ends the run before the key is read or anything connects; none by default. */
    Optional<Report> refusal() {
        return Optional.empty();
    }

    /** The key used when none is given: by default a new random one, printed once. */
    ApiKey keyWhenNoneGiven() {
        return ApiKey.generate(new SecureRandom());
    }

    /** The run on the open store with {@code key}; {@code generated} holds it when it was made here. */
    abstract Report report(Statestore store, ApiKey key, Optional<ApiKey> generated);

    @Override
    final Report report() {
        Optional<Report> refused = refusal();
        if (refused.isPresent()) {
            return refused.get();
        }
        identifier = id.identifier();
        Optional<ApiKey> given = key.read(console, terminal);
        ApiKey used = given.orElseGet(this::keyWhenNoneGiven);
        Optional<ApiKey> generated = given.isPresent() ? Optional.empty() : Optional.of(used);
        return withStore(store -> report(store, used, generated));
    }

    private Report withStore(Function<Statestore, Report> work) {
        StoreCommand opener = new StoreCommand(console) {
            @Override
            Report report(Statestore store) {
                return work.apply(store);
            }
        };
        opener.connection = connection;
        return opener.report();
    }
}
