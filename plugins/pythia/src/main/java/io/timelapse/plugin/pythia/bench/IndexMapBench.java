package io.timelapse.plugin.pythia.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.timelapse.lib.tokens.megatron.MMapIndex;
import io.timelapse.plugin.pythia.indexmap.IndexMapBuilder;
import io.timelapse.plugin.pythia.random.LegacyRandomState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Times gpt-neox's index-map build over an {@code .idx}: doc_idx, sample_idx and shuffle_idx, as {@code pythia index} builds them. */
public final class IndexMapBench {

    /** Seconds of each map, and what was built. */
    public record Timings(double docIdxSeconds, double sampleIdxSeconds, double shuffleIdxSeconds, int epochs, long samples,
                          Map<String, int[]> maps) {

        public double totalSeconds() {
            return docIdxSeconds + sampleIdxSeconds + shuffleIdxSeconds;
        }

        /**
         * How many of the entries numpy reported ({@code {"doc_idx": {"at": [...], "values": [...]}, ...}}) differ from
         * the maps built here; a non-zero count means the two sides did not build the same maps.
         */
        public int mismatches(JsonNode probes) {
            int wrong = 0;
            for (Map.Entry<String, int[]> map : maps.entrySet()) {
                JsonNode at = probes.path(map.getKey()).path("at");
                JsonNode values = probes.path(map.getKey()).path("values");
                if (at.size() == 0 || at.size() != values.size()) {
                    wrong++;
                    continue;
                }
                for (int i = 0; i < at.size(); i++) {
                    long index = at.get(i).asLong();
                    long want = values.get(i).asLong();
                    if (index >= map.getValue().length || (map.getKey().equals("shuffle_idx")
                            ? Integer.toUnsignedLong(map.getValue()[(int) index]) : map.getValue()[(int) index]) != want) {
                        wrong++;
                    }
                }
            }
            return wrong;
        }
    }

    private IndexMapBench() {}

    public static Timings run(Path idx, int seqLength, long numSamples, long seed) throws IOException {
        int[] sizes = MMapIndex.open(idx).sizes();
        long start = System.nanoTime();
        long tokens = IndexMapBuilder.tokensPerEpoch(sizes, 0, sizes.length);
        int epochs = IndexMapBuilder.numEpochs(tokens, seqLength, numSamples);
        LegacyRandomState rng = new LegacyRandomState(seed);
        int[] docIdx = IndexMapBuilder.buildDocIdx(0, sizes.length, epochs, rng);
        long docs = System.nanoTime();
        int[] sampleIdx = IndexMapBuilder.buildSampleIdx(sizes, docIdx, seqLength, epochs, tokens);
        long samples = System.nanoTime();
        int[] shuffleIdx = IndexMapBuilder.buildShuffleIdx(sampleIdx.length / 2 - 1, rng);
        long end = System.nanoTime();
        return new Timings((docs - start) / 1e9, (samples - docs) / 1e9, (end - samples) / 1e9, epochs, sampleIdx.length / 2 - 1,
                Map.of("doc_idx", docIdx, "sample_idx", sampleIdx, "shuffle_idx", shuffleIdx));
    }
}
