package io.timelapse.plugin.dsb.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
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
public final class ConvNextV2 extends Module {

    /** The ε of the stem, block and downsampling LayerNorms. */
    static final double NORM_EPS = 1e-6;
    private static final double HEAD_NORM_EPS = 1e-12;

    private final Config config;
    private final Conv2d patchEmbeddings;
    private final LayerNorm embeddingNorm;
    private final List<LayerNorm> downsampleNorms = new ArrayList<>();
    private final List<Conv2d> downsampleConvs = new ArrayList<>();
    private final List<List<ConvNextV2Block>> stages = new ArrayList<>();
    private final LayerNorm headNorm;
    private final Linear classifier;

    /**
     * The architecture: input images of {@code channels}×{@code height}×{@code width}, the blocks per
     * stage and the channels per stage, and the largest stochastic-depth rate.
     */
    public record Config(int channels, int height, int width, int classes, List<Integer> depths, List<Integer> dims,
                         double dropPath) {
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

        /** ConvNeXt-V2-atto: depths [2, 2, 6, 2], dims [40, 80, 160, 320], drop path 0.1 (the paper's). */
        public static Config atto(int channels, int height, int width, int classes) {
            return new Config(channels, height, width, classes, List.of(2, 2, 6, 2), List.of(40, 80, 160, 320), 0.1);
        }

        /** The same model at other widths and depths (for example a narrow one for tests). */
        public Config withStages(List<Integer> depths, List<Integer> dims) {
            return new Config(channels, height, width, classes, depths, dims, dropPath);
        }
    }

    public ConvNextV2(Ops ops, Config config, DType dtype) {
        super(ops);
        this.config = config;
        Ops body = ops.scope("convnextv2");
        Ops embeddings = body.scope("embeddings");
        List<Integer> dims = config.dims();
        this.patchEmbeddings = child(new Conv2d(embeddings.scope("patch_embeddings"), config.channels(), dims.get(0), 1, 1, 0, true, dtype));
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
        this.classifier = child(new Linear(ops.scope("classifier"), last, config.classes(), true, dtype));
    }

    public Config config() {
        return config;
    }

    /**
     * Class logits {@code [N, classes]} of images given as CHW rows {@code [N, C·H·W]} (or {@code [N, C, H, W]}).
     *
     * @param step an integer scalar seeding stochastic depth; unused (may be null) when not training
     */
    public Tensor logits(Tensor images, Tensor step, boolean training) {
        Ops ops = ops();
        Tensor chw = ops.reshape(images, -1, config.channels(), config.height(), config.width());
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
