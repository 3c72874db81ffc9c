package io.timelapse.plugin.openfold.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a YYYY-MM-DD option value; a bad one is a usage error that says so, not a parser exception. */
final class IsoDate implements ITypeConverter<LocalDate> {

    @Override
    public LocalDate convert(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date YYYY-MM-DD");
        }
    }
}
