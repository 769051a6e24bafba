package org.statestore.cli;

import java.util.Arrays;
import java.util.Iterator;

import org.statestore.identity.IdentityType;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code -t/--identity-type user|compute}, as in alchemiscale's manual; {@code user} when left out. */
final class IdentityTypeOption {

    @Option(names = {"-t", "--identity-type"}, paramLabel = "TYPE", defaultValue = "user",
            converter = TypeConverter.class, completionCandidates = TypeNames.class,
            description = "Identity type: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    IdentityType type = IdentityType.USER;

    IdentityType type() {
        return type;
    }

    static final class TypeConverter implements ITypeConverter<IdentityType> {
        @Override
        public IdentityType convert(String value) {
            try {
                return IdentityType.fromName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class TypeNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(IdentityType.values()).map(IdentityType::cliName).iterator();
        }
    }
}
