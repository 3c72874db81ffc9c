package io.timelapse.plugin.dsb.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.nn.Conv2d;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * ConvNeXt V2 image classifier as Hugging Face's {@code ConvNextV2ForImageClassification} with
 * {@code patch_size=1} (the paper's low-resolution setup), with its parameter names
 * ({@code convnextv2.embeddings.patch_embeddings.weight}, {@code convnextv2.encoder.stages.1.layers.0.grn.weight},
 * {@code classifier.bias}, …), so its checkpoints load by name. The graph is channels-last (NHWC)
 * throughout, the layout TensorFlow's CPU kernels are fastest in and the one the pointwise layers
 * and channel LayerNorms act on directly; only the input is transposed from CHW.
 *
 * <p>Stem: 1×1 convolution and channel LayerNorm. Stage i &gt; 0 starts with LayerNorm and a 2×2
 * stride-2 convolution. Head: global average pool, LayerNorm (ε 1e-12, Hugging Face's
 * {@code layer_norm_eps}), linear. Stochastic-depth rates rise linearly from 0 to {@code dropPath}
 * over the blocks, as Hugging Face sets them. Weights start as PyTorch's layer defaults.
 */
public final class ConvNextV2 extends Module implements ImageClassifier {

    /** The ε of the stem, block and downsampling LayerNorms. */
    static final double NORM_EPS = 1e-6;
    private static final double HEAD_NORM_EPS = 1e-12;
    /** The name of the counter of training passes that seeds stochastic depth. */
    public static final String DRAWS = "drop_path_draws";

    private final ImageShape shape;
    private final Config config;
    private final Conv2d patchEmbeddings;
    private final LayerNorm embeddingNorm;
    private final List<LayerNorm> downsampleNorms = new ArrayList<>();
    private final List<Conv2d> downsampleConvs = new ArrayList<>();
    private final List<List<ConvNextV2Block>> stages = new ArrayList<>();
    private final LayerNorm headNorm;
    private final Variable draws;
    private final Linear classifier;

    /** The blocks and channels per stage and the largest stochastic-depth rate of a variant named {@code arch}. */
    public record Config(String arch, List<Integer> depths, List<Integer> dims, double dropPath) {

        /** ConvNeXt-V2-atto: depths [2, 2, 6, 2], dims [40, 80, 160, 320], drop path 0.1 (the paper's). */
        public static final Config ATTO = new Config("atto", List.of(2, 2, 6, 2), List.of(40, 80, 160, 320), 0.1);

        public Config {
            depths = List.copyOf(depths);
            dims = List.copyOf(dims);
            if (depths.size() != dims.size() || depths.isEmpty()) {
                throw new IllegalArgumentException("depths " + depths + " and dims " + dims + " need one entry per stage");
            }
            if (dropPath < 0 || dropPath >= 1) {
                throw new IllegalArgumentException("the drop-path rate must be in [0, 1), got " + dropPath);
            }
        }
    }

    public ConvNextV2(Ops ops, ImageShape shape, Config config) {
        this(ops, shape, config, DType.F32);
    }

    public ConvNextV2(Ops ops, ImageShape shape, Config config, DType dtype) {
        super(ops);
        int smallest = 1 << (config.dims().size() - 1);
        if (shape.height() < smallest || shape.width() < smallest) {
            throw new IllegalArgumentException("ConvNeXt-V2 halves the images " + (config.dims().size() - 1)
                + " times and needs at least " + smallest + "x" + smallest + " pixels, not " + shape.height() + "x" + shape.width());
        }
        this.shape = shape;
        this.config = config;
        Ops body = ops.scope("convnextv2");
        Ops embeddings = body.scope("embeddings");
        List<Integer> dims = config.dims();
        this.patchEmbeddings = child(new Conv2d(embeddings.scope("patch_embeddings"), shape.channels(), dims.get(0), 1, 1, 0, true, dtype));
        this.embeddingNorm = child(new LayerNorm(embeddings.scope("layernorm"), dims.get(0), NORM_EPS, dtype));
        int blocks = config.depths().stream().mapToInt(Integer::intValue).sum();
        int block = 0;
        for (int i = 0; i < dims.size(); i++) {
            Ops stage = body.scope("encoder").scope("stages").scope(Integer.toString(i));
            if (i > 0) {
                Ops downsampling = stage.scope("downsampling_layer");
                downsampleNorms.add(child(new LayerNorm(downsampling.scope("0"), dims.get(i - 1), NORM_EPS, dtype)));
                downsampleConvs.add(child(new Conv2d(downsampling.scope("1"), dims.get(i - 1), dims.get(i), 2, 2, 0, true, dtype)));
            }
            List<ConvNextV2Block> layers = new ArrayList<>();
            for (int j = 0; j < config.depths().get(i); j++, block++) {
                double rate = blocks == 1 ? 0 : config.dropPath() * block / (blocks - 1);
                layers.add(child(new ConvNextV2Block(stage.scope("layers").scope(Integer.toString(j)), dims.get(i), rate, dtype)));
            }
            stages.add(layers);
        }
        long last = dims.get(dims.size() - 1);
        this.headNorm = child(new LayerNorm(body.scope("layernorm"), last, HEAD_NORM_EPS, dtype));
        this.classifier = child(new Linear(ops.scope("classifier"), last, shape.classes(), true, dtype));
        this.draws = config.dropPath() > 0 ? buffer(DRAWS, DType.I64, Shape.scalar(), Initializer.zeros()) : null;
    }

    public Config config() {
        return config;
    }

    /**
     * Multiply-adds of one image's forward pass in the convolutions and linear layers (stem, depthwise,
     * pointwise, downsampling, classifier); the normalisations and activations are not counted.
     */
    public long forwardMultiplyAdds() {
        List<Integer> dims = config.dims();
        long h = shape.height();
        long w = shape.width();
        long macs = h * w * shape.channels() * dims.get(0);
        for (int i = 0; i < dims.size(); i++) {
            long dim = dims.get(i);
            if (i > 0) {
                h /= 2;
                w /= 2;
                macs += h * w * 4L * dims.get(i - 1) * dim;
            }
            macs += config.depths().get(i) * h * w * (7L * 7 * dim + 8L * dim * dim);
        }
        return macs + (long) dims.get(dims.size() - 1) * shape.classes();
    }

    @Override
    public String net() {
        return "convnext";
    }

    @Override
    public String arch() {
        return config.arch();
    }

    @Override
    public ImageShape shape() {
        return shape;
    }

    /**
     * {@inheritDoc} Without a step to seed them, the stochastic-depth masks of training are seeded by
     * this model's own counter of training passes, the state variable {@value #DRAWS}, which each run
     * of a training pass increments; being a variable, it is saved and restored with checkpoints.
     */
    @Override
    public Tensor logits(Tensor images, boolean training) {
        if (!training || draws == null) {
            return logits(images, null, training);
        }
        Ops ops = ops();
        Operation next = ops.assignAdd(draws, ops.scalar(1, DType.I64));
        return logits(images, ops.after(ops.identity(draws, "drop_path_seed"), List.of(next)), true);
    }

    /**
     * Class logits {@code [N, classes]} of images given as CHW rows {@code [N, C·H·W]} (or {@code [N, C, H, W]}).
     *
     * @param step an integer scalar, for example the training step, seeding the stochastic-depth masks;
     *     unused (may be null) when not training
     */
    public Tensor logits(Tensor images, Tensor step, boolean training) {
        Ops ops = ops();
        Tensor chw = ops.reshape(images, -1, shape.channels(), shape.height(), shape.width());
        Tensor x = embeddingNorm.apply(patchEmbeddings.apply(ops.transpose(chw, 0, 2, 3, 1)));
        for (int i = 0; i < stages.size(); i++) {
            if (i > 0) {
                x = downsampleConvs.get(i - 1).apply(downsampleNorms.get(i - 1).apply(x));
            }
            for (ConvNextV2Block layer : stages.get(i)) {
                x = layer.apply(x, step, training);
            }
        }
        return classifier.apply(headNorm.apply(ops.mean(x, false, 1, 2)));
    }
}
