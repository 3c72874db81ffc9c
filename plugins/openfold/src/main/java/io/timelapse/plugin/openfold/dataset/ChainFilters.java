package io.timelapse.plugin.openfold.dataset;

import io.timelapse.plugin.openfold.structure.ProteinChain;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * OpenFold's training-chain filters (AF2 Suppl. 1.2.5 as applied through chain_data_cache):
 * resolution at most 9 Å, no single residue type above 80 % of the sequence, a minimum length and
 * an optional release-date cutoff. {@link #reject} gives the reason a chain fails, if it does.
 */
public record ChainFilters(double maxResolution, double maxSingleResidueFraction, int minResolvedResidues,
        Optional<LocalDate> releaseCutoff) {

    public static ChainFilters openFold() {
        return new ChainFilters(9.0, 0.8, 10, Optional.empty());
    }

    public Optional<String> reject(ProteinChain chain, OptionalDouble resolution, Optional<LocalDate> released) {
        if (resolution.isPresent() && resolution.getAsDouble() > maxResolution) {
            return Optional.of(String.format(java.util.Locale.ROOT, "resolution %.2f Å above %.1f Å",
                    resolution.getAsDouble(), maxResolution));
        }
        int[] counts = new int[21];
        for (int aa : chain.aatype()) {
            counts[aa]++;
        }
        for (int r = 0; r < counts.length; r++) {
            double fraction = counts[r] / (double) chain.length();
            if (fraction > maxSingleResidueFraction) {
                return Optional.of(String.format(java.util.Locale.ROOT, "residue type %s is %.0f %% of the sequence (max %.0f %%)",
                        io.timelapse.plugin.openfold.residue.ResidueTypes.threeLetter(r), 100 * fraction, 100 * maxSingleResidueFraction));
            }
        }
        int resolved = chain.countResolvedCa();
        if (resolved < minResolvedResidues) {
            return Optional.of("only " + resolved + " residues with a resolved CA (min " + minResolvedResidues + ")");
        }
        if (releaseCutoff.isPresent() && released.isPresent() && released.get().isAfter(releaseCutoff.get())) {
            return Optional.of("released " + released.get() + ", after the cutoff " + releaseCutoff.get());
        }
        return Optional.empty();
    }
}
