package io.timelapse.plugin.openfold.model.structure;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Dropout;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.OpenFoldInit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * OpenFold's {@code StructureModule} (AF2 Alg. 20): {@code layer_norm_s}, {@code layer_norm_z},
 * {@code linear_in}, then {@code no_blocks} iterations with shared weights starting from identity
 * frames: s += {@code ipa}(s, z, frames), dropout, {@code layer_norm_ipa}, {@code transition}, frames ∘=
 * {@code bb_update}(s), torsion angles from {@code angle_resnet}, and from them the side-chain frames and
 * atom14 positions ({@link AllAtoms}). Frames are kept in internal units and
 * reported in Å (× trans_scale_factor); the rotations' gradient is stopped between iterations, the
 * translations keep theirs. Outputs are stacked over the iterations on a new leading axis.
 */
public final class StructureModule extends Module {

    /** OpenFold's {@code config.model.structure_module}. */
    public record Config(long cS, long cZ, long cIpa, long cResnet, long noHeadsIpa, long noQkPoints, long noVPoints,
            int noBlocks, int noTransitionLayers, int noResnetBlocks, int noAngles, double transScaleFactor, double epsilon,
            double inf, double dropoutRate) {}

    /**
     * The per-iteration outputs [blocks, ...] and the final single representation and backbone frames.
     *
     * @param frames tensor_7 backbone frames [blocks, *, N, 7]: quaternion (w, x, y, z), translation in Å
     * @param sidechainFrames the 8 rigid-group frames [blocks, *, N, 8, 4, 4], translations in Å
     * @param unnormalizedAngles torsion (sin, cos) pairs as predicted [blocks, *, N, 7, 2]
     * @param angles the pairs normalised [blocks, *, N, 7, 2]
     * @param positions atom14 coordinates [blocks, *, N, 14, 3] in Å
     * @param states the single representation after each iteration [blocks, *, N, c_s]
     * @param single the final single representation [*, N, c_s]
     * @param finalBackbone the last iteration's backbone frames [*, N], translations in Å
     */
    public record Output(Tensor frames, Tensor sidechainFrames, Tensor unnormalizedAngles, Tensor angles, Tensor positions,
            Tensor states, Tensor single, Frames finalBackbone) {}

    private final Config config;
    private final LayerNorm layerNormS;
    private final LayerNorm layerNormZ;
    private final Linear linearIn;
    private final InvariantPointAttention ipa;
    private final Dropout ipaDropout;
    private final LayerNorm layerNormIpa;
    private final StructureModuleTransition transition;
    private final BackboneUpdate bbUpdate;
    private final AngleResnet angleResnet;
    private final AllAtoms allAtoms;

    public StructureModule(Ops ops, Config config, DType dtype) {
        super(ops);
        if (config.noBlocks() < 1) {
            throw new IllegalArgumentException(ops.scopeName() + ": no_blocks must be at least 1, got " + config.noBlocks());
        }
        this.config = config;
        long cS = config.cS();
        this.layerNormS = child(new LayerNorm(ops.scope("layer_norm_s"), cS, dtype));
        this.layerNormZ = child(new LayerNorm(ops.scope("layer_norm_z"), config.cZ(), dtype));
        this.linearIn = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_in"), cS, cS, true, dtype));
        this.ipa = child(new InvariantPointAttention(ops.scope("ipa"), cS, config.cZ(), config.cIpa(), config.noHeadsIpa(),
                config.noQkPoints(), config.noVPoints(), config.inf(), config.epsilon(), dtype));
        this.ipaDropout = new Dropout(ops.scope("ipa_dropout"), config.dropoutRate());
        this.layerNormIpa = child(new LayerNorm(ops.scope("layer_norm_ipa"), cS, dtype));
        this.transition = child(new StructureModuleTransition(ops.scope("transition"), cS, config.noTransitionLayers(),
                config.dropoutRate(), dtype));
        this.bbUpdate = child(new BackboneUpdate(ops.scope("bb_update"), cS, dtype));
        this.angleResnet = child(new AngleResnet(ops.scope("angle_resnet"), cS, config.cResnet(), config.noResnetBlocks(),
                config.noAngles(), config.epsilon(), dtype));
        this.allAtoms = new AllAtoms(ops, dtype);
    }

    public Config config() {
        return config;
    }

    /**
     * The structure of single representation {@code s [*, N, c_s]} and pair representation
     * {@code z [*, N, N, c_z]} for residue types {@code aatype [*, N]} (int32) under {@code mask [*, N]}
     * (null: every residue present). Dropout is applied only when {@code training}, with masks drawn
     * from {@code step} and the iteration.
     */
    public Output apply(Tensor s, Tensor z, Tensor aatype, Tensor mask, Tensor step, boolean training) {
        Ops ops = ops();
        long[] dims = Axes.requireTrailing(s, 2, config.cS(), name(), "the single representation");
        Axes.requireTrailing(z, 3, config.cZ(), name(), "the pair representation");
        s = layerNormS.apply(s);
        z = layerNormZ.apply(z);
        Tensor sInitial = s;
        s = linearIn.apply(s);
        Backbone backbone = Backbone.identity(ops, Axes.maskOrOnes(ops, null, Arrays.copyOf(dims, dims.length - 1), s));
        List<Tensor> frames = new ArrayList<>();
        List<Tensor> unnormalized = new ArrayList<>();
        List<Tensor> angles = new ArrayList<>();
        List<Tensor> sidechainFrames = new ArrayList<>();
        List<Tensor> positions = new ArrayList<>();
        List<Tensor> states = new ArrayList<>();
        Frames angstrom = null;
        for (int i = 0; i < config.noBlocks(); i++) {
            Tensor blockStep = training ? blockStep(step, i) : step;
            s = ipaDropout.apply(ops.add(s, ipa.apply(s, z, backbone.frames(), mask)), blockStep, training);
            s = transition.apply(layerNormIpa.apply(s), blockStep, training);
            backbone = backbone.update(bbUpdate.apply(s));
            angstrom = backbone.frames().scaleTranslation(config.transScaleFactor());
            AngleResnet.Angles predicted = angleResnet.apply(s, sInitial);
            Frames groups = allAtoms.torsionAnglesToFrames(angstrom, predicted.normalized(), aatype);
            frames.add(angstrom.toTensor7(backbone.quaternion()));
            sidechainFrames.add(groups.toTensor4x4());
            unnormalized.add(predicted.unnormalized());
            angles.add(predicted.normalized());
            positions.add(allAtoms.atom14Positions(groups, aatype));
            states.add(s);
            backbone = backbone.stopRotationGradient();
        }
        return new Output(ops.stack(0, frames), ops.stack(0, sidechainFrames), ops.stack(0, unnormalized), ops.stack(0, angles),
                ops.stack(0, positions), ops.stack(0, states), s, angstrom);
    }

    /**
     * The step the dropout layers see in iteration {@code i}: step·no_blocks + i, so that, as in OpenFold,
     * every iteration draws its own masks although the layers are shared.
     */
    private Tensor blockStep(Tensor step, int i) {
        Ops ops = ops();
        Tensor scaled = ops.mul(ops.cast(step, DType.I64), ops.constant(HostTensor.scalar((long) config.noBlocks())));
        return ops.add(scaled, ops.constant(HostTensor.scalar((long) i)));
    }
}
