package io.timelapse.plugin.openfold.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.openfold.features.FeatureFiles;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.structure.PdbReader;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBuilderTest {

    @TempDir
    Path tmp;

    private Path copyFamily() throws IOException {
        Path family = tmp.resolve("in/ubq");
        Files.createDirectories(family);
        Path source = Fixtures.resourcePath("dataset/ubq");
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, family.resolve(f.getFileName()));
            }
        }
        return tmp.resolve("in");
    }

    private static DatasetBuilder builder() {
        return new DatasetBuilder(ChainFilters.openFold(), PipelineConfig.tiny(), 2);
    }

    @Test
    void buildsReRootedPairsFiltersAndManifest() throws IOException {
        Path in = copyFamily();
        Path out = tmp.resolve("out");
        DatasetManifest manifest = builder().build(List.of(in), out).manifest();

        assertEquals(1, manifest.chains().size());
        DatasetManifest.Entry entry = manifest.chains().get(0);
        assertEquals("1ubi_A", entry.id());
        assertEquals("ubq", entry.family());
        assertEquals(76, entry.length());
        assertEquals(4, entry.msaDepth());
        assertEquals(1, manifest.dropped().size());
        assertEquals("tiny_A", manifest.dropped().get(0).id());
        assertTrue(manifest.dropped().get(0).reason().contains("3 residues with a resolved CA"), manifest.dropped().get(0).reason());

        assertEquals(manifest, DatasetManifest.read(out.resolve("manifest.json")));
        List<String> a3m = Files.readAllLines(out.resolve(entry.msa()));
        assertEquals(">1ubi_A.pdb", a3m.get(0));
        assertEquals("MQIFVKTLTGKTITLEVEPSDTIENVKAKIQDKEGIPPDQQRLIFAGKQLEDGRTLSDYNIQKESTLHLVLRLRGG", a3m.get(1),
                "the trailing X the structure lacks is gone from the query");
        assertEquals(">nedd8_like", a3m.get(4));
        assertTrue(a3m.get(5).startsWith("MLIKVKTLTGgaKEIE"), a3m.get(5));

        FeatureSet f = FeatureFiles.read(out.resolve(entry.features()));
        ProteinChain chain = PdbReader.read(in.resolve("ubq/1ubi_A.pdb")).chain("A");
        assertArrayEquals(chain.aatype(), f.get("aatype").ints());
        assertArrayEquals(new int[] {4, 76}, f.get("msa").shape());
        int[] queryRow = java.util.Arrays.copyOf(f.get("msa").ints(), 76);
        assertArrayEquals(chain.aatype(), queryRow, "row 0 is the query, in AF2 restype order");
        float[] deletions = f.get("deletion_matrix").floats();
        assertEquals(2f, deletions[2 * 76 + 10], "nedd8_like: 2 inserted residues before query residue 11");
        assertEquals(1f, deletions[2 * 76 + 40]);
        assertArrayEquals(new int[] {76, 8, 4, 4}, f.get("rigidgroups_gt_frames").shape());
    }

    @Test
    void cacheIsReusedWhenFreshAndRebuiltWhenInputsChange() throws IOException {
        Path in = copyFamily();
        Path out = tmp.resolve("out");
        DatasetManifest first = builder().build(List.of(in), out).manifest();
        DatasetManifest.Entry entry = first.chains().get(0);
        FeatureCache cache = new FeatureCache(out.resolve("features"));
        FeatureCache.Key key = FeatureCache.Key.of(entry.structureSha256(), entry.chain(), List.of(entry.msaSha256()));
        assertEquals(FeatureCache.State.FRESH, cache.state(entry.id(), key));

        Path alignment = in.resolve("ubq/ubq.fasta");
        Files.writeString(alignment, Files.readString(alignment)
                + ">extra\nMQIFVKTLTG--KTITLEVEPSDTIENVKAKIQDKEGIPPDQ---QRLIFAGKQLEDGRTLSDYNIQKESTLHLVLRLRAA-\n");
        DatasetManifest second = builder().build(List.of(in), out).manifest();
        DatasetManifest.Entry changed = second.chains().get(0);
        assertEquals(5, changed.msaDepth());
        assertEquals(FeatureCache.State.STALE, cache.state(entry.id(), key), "the old key no longer matches");
        IOException e = assertThrows(IOException.class, () -> cache.require(entry.id(), key));
        assertTrue(e.getMessage().contains("stale") && e.getMessage().contains("MSA checksum changed"), e.getMessage());
        FeatureSet rebuilt = cache.require(changed.id(),
                FeatureCache.Key.of(changed.structureSha256(), changed.chain(), List.of(changed.msaSha256())));
        assertEquals(5, rebuilt.get("msa").dim(0));
    }

    @Test
    void subsamplingIsDeterministicAndElisionFiltersByLabel() {
        List<DatasetManifest.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(new DatasetManifest.Entry("c" + i, i < 10 ? "a" : "b", "s", "h", "A", 50, 50, "m", "h", 3, null, null,
                    0, 0, i % 3 == 0 ? "mostly-alpha" : "mixed", "f"));
        }
        DatasetManifest manifest = new DatasetManifest(DatasetManifest.FORMAT, "test", entries, List.of());
        DatasetManifest s1 = DatasetSplits.subsample(manifest, 7, 99);
        DatasetManifest s2 = DatasetSplits.subsample(manifest, 7, 99);
        DatasetManifest s3 = DatasetSplits.subsample(manifest, 7, 100);
        assertEquals(7, s1.chains().size());
        assertEquals(s1.chains(), s2.chains());
        assertTrue(!s1.chains().equals(s3.chains()));
        assertEquals(13, DatasetSplits.elideLabel(manifest, SecondaryStructure.Label.MOSTLY_ALPHA).chains().size());
        assertEquals(10, DatasetSplits.family(manifest, "a", true).chains().size());
    }
}
