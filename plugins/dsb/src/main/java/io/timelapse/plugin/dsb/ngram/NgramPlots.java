package io.timelapse.plugin.dsb.ngram;

import io.timelapse.lib.plot.FigureSize;
import io.timelapse.lib.plot.LinePlot;
import io.timelapse.lib.plot.Scale;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The paper's two panels against the checkpoint step on a log axis: the loss on n-gram sequences in bits/byte with
 * each n-gram model's own entropy rate as a flat reference line, and the divergences from the n-gram conditionals on
 * real text. Step 0 cannot be shown on a log axis and is left out.
 */
public final class NgramPlots {

    private NgramPlots() {}

    /** Writes {@code ngram_loss.png/.svg} and {@code ngram_divergence.png/.svg} into {@code directory}. */
    public static void write(Path directory, List<NgramTable.Row> rows, double unigramEntropyBpb, double bigramEntropyBpb) throws IOException {
        double[] steps = column(rows, r -> r.step());
        LinePlot.of("Loss on n-gram sequences").size(FigureSize.WIDE)
                .xAxis("training step", Scale.LOG).yAxis("loss (bits/byte)", Scale.LINEAR)
                .series("unigram sequences", steps, column(rows, NgramTable.Row::unigramBitsPerByte))
                .series("bigram sequences", steps, column(rows, NgramTable.Row::bigramBitsPerByte))
                .reference("unigram entropy", steps, constant(steps.length, unigramEntropyBpb), "unigram sequences")
                .reference("bigram entropy rate", steps, constant(steps.length, bigramEntropyBpb), "bigram sequences")
                .write(directory, "ngram_loss");
        LinePlot.of("Divergence from the n-gram model on real text").size(FigureSize.WIDE)
                .xAxis("training step", Scale.LOG).yAxis("divergence (nats)", Scale.LINEAR)
                .series("unigram KL", steps, column(rows, NgramTable.Row::unigramKl))
                .series("bigram KL", steps, column(rows, NgramTable.Row::bigramKl))
                .series("unigram JS", steps, column(rows, NgramTable.Row::unigramJs))
                .series("bigram JS", steps, column(rows, NgramTable.Row::bigramJs))
                .write(directory, "ngram_divergence");
    }

    private static double[] column(List<NgramTable.Row> rows, ToDoubleFunction<NgramTable.Row> value) {
        return rows.stream().mapToDouble(value).toArray();
    }

    private static double[] constant(int n, double value) {
        double[] out = new double[n];
        Arrays.fill(out, value);
        return out;
    }
}
