package io.timelapse.plugin.openfold.features;

import static io.timelapse.plugin.openfold.testing.Fixtures.assertClose;
import static io.timelapse.plugin.openfold.testing.Fixtures.assertExactInts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.timelapse.plugin.openfold.structure.PdbReader;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.Fixtures.Array;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ubiquitin (1UBI) ground-truth features against OpenFold's transforms (fixture structure_features). */
class GroundTruthFeaturesGoldenTest {

    private static final String F = "structure_features";
    private static final double ATOL = 1e-4;
    private static final double RTOL = 1e-4;

    private static final List<String> FLOAT_OUTPUTS = List.of(
            "atom14_atom_exists", "atom37_atom_exists", "atom14_gt_exists", "atom14_gt_positions",
            "atom14_alt_gt_positions", "atom14_alt_gt_exists", "atom14_atom_is_ambiguous",
            "rigidgroups_gt_frames", "rigidgroups_gt_exists", "rigidgroups_group_exists",
            "rigidgroups_group_is_ambiguous", "rigidgroups_alt_gt_frames", "torsion_angles_sin_cos",
            "alt_torsion_angles_sin_cos", "torsion_angles_mask", "pseudo_beta", "pseudo_beta_mask",
            "backbone_rigid_tensor", "backbone_rigid_mask", "chi_angles_sin_cos", "chi_mask");

    private static Array in(String name) {
        return Fixtures.load(F, "input." + name);
    }

    @Test
    void featuresFromFixtureInputsMatchOpenFold() {
        FeatureSet features = GroundTruthFeatures.compute(in("aatype").toInts(), in("all_atom_positions").toFloats(),
                in("all_atom_mask").toFloats());
        assertAllOutputs(features);
    }

    @Test
    void pdbReaderReproducesOpenFoldParsingOfUbiquitin() throws IOException {
        ProteinChain chain = PdbReader.read(Fixtures.resourcePath("fixtures/" + F + "/input.1ubi_atoms.pdb")).chain("A");
        assertExactInts(in("aatype").data(), chain.aatype(), "aatype");
        assertExactInts(in("residue_index").data(), chain.residueIndex(), "residue_index");
        assertClose(in("all_atom_positions").data(), chain.atomPositions(), 1e-4, 0, "all_atom_positions");
        assertClose(in("all_atom_mask").data(), chain.atomMask(), 0, 0, "all_atom_mask");
        assertAllOutputs(GroundTruthFeatures.compute(chain.aatype(), chain.atomPositions(), chain.atomMask()));
    }

    private static void assertAllOutputs(FeatureSet features) {
        for (String name : FLOAT_OUTPUTS) {
            Array expected = Fixtures.load(F, "output." + name);
            FeatureArray actual = features.get(name);
            assertArrayEquals(expected.shape(), actual.shape(), name + " shape");
            assertClose(expected.data(), actual.floats(), ATOL, RTOL, name);
        }
        for (String name : List.of("residx_atom14_to_atom37", "residx_atom37_to_atom14")) {
            Array expected = Fixtures.load(F, "output." + name);
            assertArrayEquals(expected.shape(), features.get(name).shape(), name + " shape");
            assertExactInts(expected.data(), features.get(name).ints(), name);
        }
    }
}
