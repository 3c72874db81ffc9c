package io.timelapse.plugin.dsb.training;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Shape;
import io.timelapse.plugin.dsb.model.ImageShape;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * The training images as one float array, and the batch of any step: a pure function of the seed and the step, so
 * a resumed run sees the same batches. Each epoch visits the images in a permutation of its own (seeded by the seed
 * and the epoch); an epoch has {@code count / batch} steps, the last partial batch dropped; each image of a step is
 * augmented with a generator seeded by the seed, the step and its place in the batch.
 */
public final class TrainingImages {

    private final float[] pixels;
    private final int[] labels;
    private final ImageShape shape;
    private final int batch;
    private final long seed;
    private final Augmentation augmentation;
    private final float[] batchPixels;
    private final long[] batchLabels;
    private final ByteBuffer batchMemory;
    private final FloatBuffer batchFloats;
    private long epochOfOrder = -1;
    private int[] order;

    /** The images and labels of {@code data}, which must all be of the classes of {@code shape}. */
    public TrainingImages(ProbeSet data, ImageShape shape, int batch, long seed, Augmentation augmentation) {
        if (data.count() < batch) {
            throw new IllegalArgumentException(data.name() + ": " + data.count() + " training images are fewer than a batch of " + batch);
        }
        this.pixels = data.pixels();
        this.labels = data.labels();
        this.shape = shape;
        this.batch = batch;
        this.seed = seed;
        this.augmentation = augmentation;
        this.batchPixels = new float[batch * shape.dimension()];
        this.batchLabels = new long[batch];
        this.batchMemory = ByteBuffer.allocateDirect(batchPixels.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        this.batchFloats = batchMemory.asFloatBuffer();
    }

    public int count() {
        return labels.length;
    }

    /** Steps per epoch. */
    public long stepsPerEpoch() {
        return labels.length / batch;
    }

    /**
     * The images of step {@code step} (0 for the first), {@code [batch, C·H·W]}, in memory reused by the next call: a
     * training step feeds them at once, so no batch is allocated per step.
     */
    public HostTensor images(long step) {
        fill(step);
        batchFloats.clear();
        batchFloats.put(batchPixels);
        return HostTensor.wrap(DType.F32, Shape.of(batch, shape.dimension()), batchMemory.duplicate());
    }

    /** The labels of the step last given to {@link #images}. */
    public HostTensor labels() {
        return HostTensor.of(batchLabels, batch);
    }

    private void fill(long step) {
        long epoch = step / stepsPerEpoch();
        if (epoch != epochOfOrder) {
            order = permutation(epoch);
            epochOfOrder = epoch;
        }
        int first = (int) (step % stepsPerEpoch()) * batch;
        for (int i = 0; i < batch; i++) {
            int image = order[first + i];
            SplittableRandom random = new SplittableRandom(mix(mix(seed, step), i));
            augmentation.apply(pixels, image, batchPixels, i, shape, random);
            batchLabels[i] = labels[image];
        }
    }

    private int[] permutation(long epoch) {
        SplittableRandom random = new SplittableRandom(mix(seed ^ 0x5DEECE66DL, epoch));
        int[] p = new int[labels.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        for (int i = p.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
