package io.timelapse.plugin.openfold.model.loss;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The terms of OpenFold's {@code AlphaFoldLoss} under their OpenFold names, with their weights in the
 * {@code initial_training} and {@code finetuning} configurations.
 */
public enum LossTerm {
    FAPE("fape", 1.0, 1.0),
    SUPERVISED_CHI("supervised_chi", 1.0, 1.0),
    DISTOGRAM("distogram", 0.3, 0.3),
    MASKED_MSA("masked_msa", 2.0, 2.0),
    PLDDT("plddt_loss", 0.01, 0.01),
    EXPERIMENTALLY_RESOLVED("experimentally_resolved", 0.0, 0.01),
    VIOLATION("violation", 0.0, 1.0);

    private final String openFoldName;
    private final double initialTraining;
    private final double finetuning;

    LossTerm(String openFoldName, double initialTraining, double finetuning) {
        this.openFoldName = openFoldName;
        this.initialTraining = initialTraining;
        this.finetuning = finetuning;
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

    public static Map<LossTerm, Double> initialTrainingWeights() {
        Map<LossTerm, Double> weights = new EnumMap<>(LossTerm.class);
        for (LossTerm term : values()) {
            weights.put(term, term.initialTraining);
        }
        return weights;
    }

    public static Map<LossTerm, Double> finetuningWeights() {
        Map<LossTerm, Double> weights = new EnumMap<>(LossTerm.class);
        for (LossTerm term : values()) {
            weights.put(term, term.finetuning);
        }
        return weights;
    }
}
