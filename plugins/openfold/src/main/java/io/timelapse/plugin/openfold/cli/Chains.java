package io.timelapse.plugin.openfold.cli;

import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.ProteinStructure;
import io.timelapse.plugin.openfold.structure.StructureFormatException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The chain that {@code --chain} selects; a chain the file lacks is a usage error. */
final class Chains {

    private Chains() {}

    static ProteinChain select(CommandSpec spec, ProteinStructure structure, String chainId) {
        try {
            return structure.chain(chainId);
        } catch (StructureFormatException e) {
            throw new ParameterException(spec.commandLine(), "--chain " + chainId + ": " + e.getMessage());
        }
    }
}
