package io.timelapse.plugin.memorization.reproduce;

import io.timelapse.lib.tokenizer.ByteLevelBpeTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Pythia-style training rows from documents: a share of the documents is repeated (as the Pile
 * repeats some texts many times), every copy is shuffled into one stream of GPT-NeoX tokens with
 * EOD (0) after each document, and the stream is cut into rows of equal length in training order.
 * Token ids are renumbered densely (EOD stays 0) so small models need no 50k-row embedding; the
 * map back to GPT-NeoX ids is kept.
 *
 * @param rows {@code rows.length / rowLength} rows, dense ids
 * @param neoxIds dense id → GPT-NeoX id
 * @param copies how many times each document occurs in one epoch
 * @param rowsPerEpoch rows cut from the first epoch's stream; later epochs reshuffle the copies
 */
public record TrainingRows(int[] rows, int rowLength, int[] neoxIds, int[] copies, int documents, int rowsPerEpoch) {

    public int rowCount() {
        return rows.length / rowLength;
    }

    /** The embedding size: the dense vocabulary rounded up to a multiple of 64. */
    public int vocabSize() {
        return (neoxIds.length + 63) / 64 * 64;
    }

    /**
     * @param duplicated share of documents that get extra copies
     * @param maxCopies a duplicated document occurs 2, 4, … up to this many times, each power of two equally often
     */
    public static TrainingRows build(List<String> documents, ByteLevelBpeTokenizer tokenizer, int rowLength, double duplicated, int maxCopies,
                                     int epochs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int levels = Math.max(1, 31 - Integer.numberOfLeadingZeros(Math.max(2, maxCopies)));
        int[][] encoded = new int[documents.size()][];
        int[] copies = new int[documents.size()];
        TreeSet<Integer> used = new TreeSet<>(List.of(0));
        for (int d = 0; d < documents.size(); d++) {
            encoded[d] = tokenizer.encode(documents.get(d));
            for (int id : encoded[d]) {
                used.add(id);
            }
            copies[d] = random.nextDouble() < duplicated ? 1 << (1 + random.nextInt(levels)) : 1;
        }
        int[] neoxIds = used.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> order = new ArrayList<>();
        for (int d = 0; d < documents.size(); d++) {
            for (int c = 0; c < copies[d]; c++) {
                order.add(d);
            }
        }
        int epochTokens = 0;
        for (int d : order) {
            epochTokens += encoded[d].length + 1;
        }
        int rowsPerEpoch = epochTokens / rowLength;
        int[] stream = new int[epochTokens * epochs];
        int at = 0;
        for (int e = 0; e < epochs; e++) {
            for (int i = order.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                order.set(i, order.set(j, order.get(i)));
            }
            for (int d : order) {
                for (int id : encoded[d]) {
                    stream[at++] = Arrays.binarySearch(neoxIds, id);
                }
                stream[at++] = 0;
            }
        }
        int rowCount = stream.length / rowLength;
        return new TrainingRows(Arrays.copyOf(stream, rowCount * rowLength), rowLength, neoxIds, copies, documents.size(), rowsPerEpoch);
    }

    /**
     * Rows already in training order (GPT-NeoX ids, {@code rowLength} each), renumbered densely; one epoch, no copies
     * known, and as {@code documents} the EODs among the tokens (documents that end inside the rows).
     */
    public static TrainingRows fromNeoxRows(int[] neoxRows, int rowLength) {
        if (neoxRows.length == 0 || neoxRows.length % rowLength != 0) {
            throw new IllegalArgumentException(neoxRows.length + " tokens are not whole rows of " + rowLength);
        }
        int[] neoxIds = IntStream.concat(IntStream.of(0), Arrays.stream(neoxRows)).distinct().sorted().toArray();
        int[] dense = new int[neoxRows.length];
        int documents = 0;
        for (int i = 0; i < neoxRows.length; i++) {
            dense[i] = Arrays.binarySearch(neoxIds, neoxRows[i]);
            documents += neoxRows[i] == 0 ? 1 : 0;
        }
        return new TrainingRows(dense, rowLength, neoxIds, new int[0], documents, neoxRows.length / rowLength);
    }

    /** The rows as items of a Megatron dataset, dense ids. */
    public List<long[]> items() {
        List<long[]> items = new ArrayList<>(rowCount());
        for (int row = 0; row < rowCount(); row++) {
            items.add(Arrays.stream(rows, row * rowLength, (row + 1) * rowLength).asLongStream().toArray());
        }
        return items;
    }

    /** Row {@code row} as GPT-NeoX ids. */
    public int[] neoxRow(int row) {
        int[] ids = new int[rowLength];
        for (int i = 0; i < rowLength; i++) {
            ids[i] = neoxIds[rows[row * rowLength + i]];
        }
        return ids;
    }
}
