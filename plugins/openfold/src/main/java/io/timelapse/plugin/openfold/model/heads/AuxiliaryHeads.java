package io.timelapse.plugin.openfold.model.heads;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.config.ModelConfig;

/**
 * OpenFold's {@code AuxiliaryHeads} without the TM head: {@code plddt}, {@code distogram}, {@code masked_msa}
 * and {@code experimentally_resolved}, with the pLDDT computed from the lDDT logits.
 */
public final class AuxiliaryHeads extends Module {

    private final PlddtHead plddt;
    private final DistogramHead distogram;
    private final MaskedMsaHead maskedMsa;
    private final ExperimentallyResolvedHead experimentallyResolved;

    public AuxiliaryHeads(Ops ops, ModelConfig.Heads config, DType dtype) {
        super(ops);
        this.plddt = child(new PlddtHead(ops.scope("plddt"), config.lddtCIn(), config.lddtCHidden(), config.lddtNoBins(), dtype));
        this.distogram = child(new DistogramHead(ops.scope("distogram"), config.distogramCZ(), config.distogramNoBins(), dtype));
        this.maskedMsa = child(new MaskedMsaHead(ops.scope("masked_msa"), config.maskedMsaCM(), config.maskedMsaCOut(), dtype));
        this.experimentallyResolved = child(new ExperimentallyResolvedHead(ops.scope("experimentally_resolved"),
                config.experimentallyResolvedCS(), config.experimentallyResolvedCOut(), dtype));
    }

    /**
     * The heads on the structure module's single representation {@code smSingle [*, N, c_s]}, the pair
     * {@code z [*, N, N, c_z]}, the MSA {@code m [*, S, N, c_m]} and the Evoformer's single {@code s [*, N, c_s]}.
     */
    public Output apply(Tensor smSingle, Tensor z, Tensor m, Tensor s) {
        Tensor lddtLogits = plddt.apply(smSingle);
        return new Output(lddtLogits, Plddt.compute(ops(), lddtLogits), distogram.apply(z), maskedMsa.apply(m),
                experimentallyResolved.apply(s));
    }

    /** The heads' outputs under OpenFold's names (in camel case). */
    public record Output(Tensor lddtLogits, Tensor plddt, Tensor distogramLogits, Tensor maskedMsaLogits,
            Tensor experimentallyResolvedLogits) {}
}
