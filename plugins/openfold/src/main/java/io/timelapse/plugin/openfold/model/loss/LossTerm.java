package io.timelapse.plugin.openfold.model.loss;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The terms of OpenFold's {@code AlphaFoldLoss} under their OpenFold names; their weights are in the loss config. */
public enum LossTerm {
    FAPE("fape"),
    SUPERVISED_CHI("supervised_chi"),
    DISTOGRAM("distogram"),
    MASKED_MSA("masked_msa"),
    PLDDT("plddt_loss"),
    EXPERIMENTALLY_RESOLVED("experimentally_resolved"),
    VIOLATION("violation");

    private final String openFoldName;

    LossTerm(String openFoldName) {
        this.openFoldName = openFoldName;
    }

    public String openFoldName() {
        return openFoldName;
    }

    /** The term named {@code name} in OpenFold's loss config; an unknown name is refused, listing the known ones. */
    public static LossTerm byName(String name) {
        return Arrays.stream(values()).filter(term -> term.openFoldName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown loss term '" + name + "' (known: "
                        + Arrays.stream(values()).map(LossTerm::openFoldName).collect(Collectors.joining(", ")) + ")"));
    }
}
