package io.timelapse.plugin.pythia.cli;

import io.timelapse.plugin.pythia.dataset.Split;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --dataset train|valid|test}: which of gpt-neox's three datasets a command reads. */
final class DatasetOption {

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "train", converter = SplitConverter.class,
            description = "The dataset: train, valid or test (default: ${DEFAULT-VALUE}).")
    Split split;

    /** A dataset name as gpt-neox writes it in index-map file names. */
    static final class SplitConverter implements ITypeConverter<Split> {

        @Override
        public Split convert(String value) {
            try {
                return Split.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not train, valid or test");
            }
        }
    }
}
