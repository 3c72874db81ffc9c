package io.timelapse.plugin.pythia.preshuffled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.plugin.pythia.bench.SyntheticCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large read is brought into memory window by window, each window right before it is copied, covering the read once. */
class LoadAndReadTest {

    @TempDir
    Path tmp;

    @Test
    void aLargeReadIsCopiedInWindowsThatCoverItOnceInOrder() throws IOException {
        SyntheticCorpus.Corpora corpora = SyntheticCorpus.write(tmp, 1000, 65, 3);
        ShardedBin bin = ShardedBin.open(corpora.uint16FirstShard());
        List<int[]> windows = new ArrayList<>();
        // 40,000 tokens of 2 bytes from token 1,000, in windows of 30,000 bytes (15,000 tokens), over the shards.
        PreshuffledDataset.loadAndRead(bin, 2000, 2, 1000, 41_000, 30_000, (start, end) -> windows.add(new int[] {start, end}));
        assertEquals(3, windows.size());
        assertArrayEquals(new int[] {1000, 16_000}, windows.get(0));
        assertArrayEquals(new int[] {16_000, 31_000}, windows.get(1));
        assertArrayEquals(new int[] {31_000, 41_000}, windows.get(2));
    }

    @Test
    void aReadUnderTheLeastWorthLoadingIsCopiedAtOnce() throws IOException {
        SyntheticCorpus.Corpora corpora = SyntheticCorpus.write(tmp, 1000, 65, 3);
        ShardedBin bin = ShardedBin.open(corpora.uint16());
        List<int[]> windows = new ArrayList<>();
        int tokens = (int) (PreshuffledDataset.MIN_LOAD_BYTES / 2) - 1;
        PreshuffledDataset.loadAndRead(bin, 0, 2, 0, tokens, 1000, (start, end) -> windows.add(new int[] {start, end}));
        assertEquals(1, windows.size());
        assertArrayEquals(new int[] {0, tokens}, windows.get(0));
    }
}
