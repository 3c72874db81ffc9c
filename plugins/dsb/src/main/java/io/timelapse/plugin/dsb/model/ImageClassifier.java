package io.timelapse.plugin.dsb.model;

import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.Map;

/**
 * An image classifier in a compute graph. Its input is a batch of flat images {@code [N, C·H·W]} in CHW order,
 * as {@link io.timelapse.plugin.dsb.sets.ProbeSet} holds them; its output the logits {@code [N, classes]}.
 * {@link #logits} may be called more than once (training and evaluation inputs) and shares the variables.
 */
public interface ImageClassifier {

    /** The model family as the paper's CSV column {@code net} names it, such as {@code mlp} or {@code convnext}. */
    String net();

    /** The variant within the family, the CSV column {@code arch}, such as {@code 784-512-10} or {@code atto}. */
    String arch();

    ImageShape shape();

    /** The logits of {@code images [N, C·H·W]}; {@code training} turns on what only training uses (stochastic depth). */
    Tensor logits(Tensor images, boolean training);

    /** Trainable variables by full name; these are what a checkpoint must hold to be probed. */
    Map<String, Variable> parameters();
}
