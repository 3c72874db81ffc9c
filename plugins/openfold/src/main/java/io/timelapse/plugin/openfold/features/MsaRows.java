package io.timelapse.plugin.openfold.features;

import java.util.ArrayList;
import java.util.List;

/**
 * A mutable working copy of MSA rows during the ensembled transforms: AF2 codes, deletion counts
 * and row masks, plus BERT outputs once masking has run. Rows are selected by index lists.
 */
final class MsaRows {

    final int columns;
    final List<int[]> msa = new ArrayList<>();
    final List<float[]> deletions = new ArrayList<>();
    final List<float[]> mask = new ArrayList<>();
    List<int[]> trueMsa;
    List<float[]> bertMask;

    MsaRows(int columns) {
        this.columns = columns;
    }

    int size() {
        return msa.size();
    }

    void add(int[] codes, float[] del, float[] rowMask) {
        msa.add(codes);
        deletions.add(del);
        mask.add(rowMask);
    }

    MsaRows select(int[] rows) {
        MsaRows out = new MsaRows(columns);
        for (int r : rows) {
            out.add(msa.get(r), deletions.get(r), mask.get(r));
        }
        if (trueMsa != null) {
            out.trueMsa = new ArrayList<>();
            out.bertMask = new ArrayList<>();
            for (int r : rows) {
                out.trueMsa.add(trueMsa.get(r));
                out.bertMask.add(bertMask.get(r));
            }
        }
        return out;
    }

    static int[] flattenInts(List<int[]> rows, int columns) {
        int[] out = new int[rows.size() * columns];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, out, r * columns, columns);
        }
        return out;
    }

    static float[] flattenFloats(List<float[]> rows, int columns) {
        float[] out = new float[rows.size() * columns];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, out, r * columns, columns);
        }
        return out;
    }
}
