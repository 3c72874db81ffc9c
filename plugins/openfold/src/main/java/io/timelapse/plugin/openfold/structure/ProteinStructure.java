package io.timelapse.plugin.openfold.structure;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The protein chains of a structure file's first model, with the metadata OpenFold filters on. */
public record ProteinStructure(Path source, List<ProteinChain> chains, OptionalDouble resolution,
        Optional<LocalDate> releaseDate) {

    public ProteinStructure {
        chains = List.copyOf(chains);
    }

    /** The chain with the given id; an empty or null id selects the first chain. */
    public ProteinChain chain(String chainId) throws StructureFormatException {
        if (chainId == null || chainId.isEmpty()) {
            return chains.get(0);
        }
        for (ProteinChain c : chains) {
            if (c.chainId().equals(chainId)) {
                return c;
            }
        }
        throw new StructureFormatException(source, "no protein chain '" + chainId + "'; chains present: "
                + chains.stream().map(ProteinChain::chainId).toList());
    }
}
