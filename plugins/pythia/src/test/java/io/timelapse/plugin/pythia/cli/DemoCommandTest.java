package io.timelapse.plugin.pythia.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.plugin.pythia.dataset.BlendRoute;
import io.timelapse.plugin.pythia.dataset.BlendedDataset;
import io.timelapse.plugin.pythia.dataset.Split;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pythia demo} runs end to end and leaves consistent, reusable files in its run directory. */
class DemoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void demoRunsOnTheBundledCorpus() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("demo");
        Result result = tester.execute("pythia", new DemoCommand(tester.runs()), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        for (String heading : new String[] {"1. ", "2. ", "3. ", "4. ", "5. "}) {
            assertTrue(result.out().contains("\n" + heading) || result.out().startsWith(heading), heading + "\n" + result.out());
        }
        assertTrue(result.out().contains("proverbs: 122 documents"), result.out());
        assertTrue(result.out().contains("notes:    129 documents"), result.out());
        JsonNode run = RunFiles.read(out.resolve("run.json"));
        assertEquals("succeeded", run.get("status").asText());
        // The seed run.json records is the one the index maps were built with (SeedTest checks that it defaults to 1234).
        long seed = run.get("seed").asLong();
        assertEquals(seed, run.get("config").get("seed").asLong());

        // The corpus is the bundled text: document 0 of proverbs decodes to the first proverb and ends with EOD.
        MMapIndexedDataset proverbs = MMapIndexedDataset.open(out.resolve("corpus/proverbs"));
        long[] first = proverbs.get(0);
        assertEquals(GptNeoXTokenizer.EOD_ID, first[first.length - 1]);
        int[] ids = new int[first.length - 1];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) first[i];
        }
        assertEquals("A stitch in time saves nine.", GptNeoXTokenizer.load().decode(ids));

        // The cached maps under gpt-neox's names reproduce the blend, and the shards hold its rows in order.
        MMapIndexedDataset notes = MMapIndexedDataset.open(out.resolve("corpus/notes"));
        Path maps = out.resolve("indexmaps");
        assertTrue(Files.isRegularFile(maps.resolve("proverbs_train_0_indexmap_101ns_32sl_" + seed + "s_shuffle_idx.npy")));
        assertTrue(Files.isRegularFile(maps.resolve("notes_train_1_indexmap_101ns_32sl_" + seed + "s_doc_idx.npy")));
        BlendedDataset blend = BlendRoute.open(List.of(proverbs, notes), new double[] {0.5, 0.5}, Split.TRAIN, 200, 32, seed,
                IndexMapStore.in(maps));
        PreshuffledDataset shards = PreshuffledDataset.open(out.resolve("preshuffled/document-00000-of-00002.bin"));
        assertEquals(200, shards.rowCount());
        assertEquals(3, shards.bin().shardCount());
        int[] row = new int[33];
        for (long r = 0; r < 200; r++) {
            shards.readRows(r, 1, row, 0);
            long[] sample = blend.sample(r);
            for (int t = 0; t < 33; t++) {
                assertEquals(sample[t], row[t], "row " + r + " token " + t);
            }
        }
        assertArrayEquals(Files.readAllBytes(out.resolve("preshuffled/document.idx")),
                Files.readAllBytes(out.resolve("preshuffled/unsharded.idx")));
    }
}
