package io.timelapse.plugin.pythia.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** gpt-neox seeds numpy's {@code RandomState}, which takes seeds from 0 to 2³² − 1. */
final class NumpySeeds {

    static final long MAX = 0xFFFF_FFFFL;

    private NumpySeeds() {}

    /** {@code seed}, or a usage error when numpy would refuse it. */
    static long check(CommandSpec spec, long seed) {
        if (seed < 0 || seed > MAX) {
            throw new ParameterException(spec.commandLine(), "--seed " + seed + ": numpy's RandomState, which gpt-neox seeds, takes 0 to "
                    + MAX);
        }
        return seed;
    }
}
