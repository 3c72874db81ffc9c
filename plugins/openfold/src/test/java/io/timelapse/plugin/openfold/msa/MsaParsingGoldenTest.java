package io.timelapse.plugin.openfold.msa;

import static io.timelapse.plugin.openfold.testing.Fixtures.assertClose;
import static io.timelapse.plugin.openfold.testing.Fixtures.assertExactInts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.features.MsaFeatures;
import io.timelapse.plugin.openfold.testing.Fixtures;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** a3m/Stockholm parsing, merging and MSA features against OpenFold (fixture msa_parsing). */
class MsaParsingGoldenTest {

    private static final String F = "msa_parsing";

    private static Msa a3m() throws IOException {
        return MsaParsers.read(Fixtures.resourcePath("fixtures/" + F + "/input.vis.a3m"));
    }

    private static Msa sto() throws IOException {
        return MsaParsers.read(Fixtures.resourcePath("fixtures/" + F + "/input.vis.sto"));
    }

    private static void assertMsa(String prefix, Msa msa) {
        FeatureSet f = MsaFeatures.fromMsa(msa);
        Fixtures.Array expectedMsa = Fixtures.load(F, "output." + prefix + ".msa");
        assertArrayEquals(expectedMsa.shape(), f.get("msa").shape(), prefix + " msa shape");
        assertExactInts(expectedMsa.data(), f.get("msa").ints(), prefix + " msa");
        assertExactInts(Fixtures.load(F, "output." + prefix + ".deletion_matrix").data(),
                f.get("deletion_matrix").ints(), prefix + " deletion_matrix");
    }

    @Test
    void a3mMatchesOpenFold() throws IOException {
        Msa merged = MsaMerger.merge(List.of(a3m()));
        assertMsa("a3m", merged);
        assertEquals(List.of("query", "hit2 synthetic with insertions", "hit3 synthetic gaps", "hit4 synthetic unknown/X"),
                merged.descriptions());
    }

    @Test
    void stockholmMatchesOpenFold() throws IOException {
        assertMsa("sto", MsaMerger.merge(List.of(sto())));
    }

    @Test
    void mergedFeaturesMatchOpenFold() throws IOException {
        Msa merged = MsaMerger.merge(List.of(a3m(), sto()));
        assertMsa("merged_a3m_then_sto", merged);
        FeatureSet f = MsaFeatures.fromMsa(merged);
        int[] msa = f.get("msa").ints();
        int[] del = f.get("deletion_matrix").ints();
        assertClose(Fixtures.load(F, "output.merged.hhblits_profile").data(),
                MsaFeatures.profile(msa, null, merged.depth(), merged.length()), 1e-6, 1e-5, "hhblits_profile");
        assertClose(Fixtures.load(F, "output.merged.deletion_value").data(), MsaFeatures.deletionValue(del), 1e-6, 1e-5, "deletion_value");
        assertClose(Fixtures.load(F, "output.merged.has_deletion").data(), MsaFeatures.hasDeletion(del), 0, 0, "has_deletion");
    }
}
