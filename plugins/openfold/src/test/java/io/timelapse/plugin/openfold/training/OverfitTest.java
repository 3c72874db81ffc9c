package io.timelapse.plugin.openfold.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Session;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.model.config.DataConfig;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec's TINY model learns one real chain: model 1 of the NMR ensemble 2SDF (SDF-1, 67 residues, theseus-examples),
 * single-sequence MSA, crop = the whole chain, no recycling, all of OpenFold's training losses, gradients clipped to norm
 * 0.1, dropout off (an overfitting check measures what the model can fit, not regularised training: with OpenFold's
 * dropout the same run reaches only 0.20 after 400 steps). Adam at 3e-3 after a 10-step warm-up, decayed ×0.8 every 200
 * steps after step 1,000 (OpenFold's schedule shape, compressed).
 *
 * <p>TensorFlow's CPU kernels are not bit-reproducible, so the curve varies from run to run, even with the same seed.
 * At a constant 3e-3, one run of three plateaued at lDDT-Cα 0.60–0.67 from step 1,500 to 2,000; a faster decay (×0.7
 * every 200 after step 800) left one run of three at 0.75 after 1,800 steps. With this schedule, five runs (graph seeds
 * 7 to 11, float32, 2 loaded cores) first passed 0.8 at steps 1,300, 1,100, 1,400, 1,200 and 1,300, and a run of this
 * test (seed 7) at step 1,800. The test stops at the first evaluation above {@value #TARGET} and asserts that it came
 * within {@value #MAX_STEPS} steps.
 */
class OverfitTest {

    static final double TARGET = 0.8;
    static final int MAX_STEPS = 3_000;
    private static final int EVAL_EVERY = 100;
    private static final Map<String, Object> NO_DROPOUT = Map.of(
            "model.evoformer_stack.msa_dropout", 0.0, "model.evoformer_stack.pair_dropout", 0.0,
            "model.extra_msa.extra_msa_stack.msa_dropout", 0.0, "model.extra_msa.extra_msa_stack.pair_dropout", 0.0,
            "model.structure_module.dropout_rate", 0.0);

    @Test
    void tinyLearnsOneRealChainsStructure() throws Exception {
        ProteinChain chain = StructureFiles.read(Fixtures.resourcePath("theseus/2sdf_model1.pdb.gz")).chain(null);
        AlphaFoldConfig config = AlphaFoldConfig.preset("tiny").with(NO_DROPOUT);
        DataConfig data = config.data();
        PipelineConfig pipeline = PipelineConfig.openFoldTraining().withCropSize(chain.length())
                .withMsaLimits(data.maxMsaClusters(), data.maxExtraMsa());
        TrainingExamples examples = new TrainingExamples(chain, TrainingExamples.singleSequence(chain), pipeline, 1, 7,
                TrainingExamples.NOMINAL_RESOLUTION);
        TrainingExample evaluation = examples.evaluation();
        List<String> curve = new ArrayList<>();
        try (Graph graph = TestCompute.SERVICE.newGraph(7)) {
            TrainingStep step = new TrainingStep(graph, config, DType.F32, examples.train(0),
                    OptimizerSettings.openFold().withLearningRate(3e-3, 10).withDecay(1000, 200, 0.8));
            try (Session session = graph.newSession()) {
                session.initialize();
                double untrained = step.evaluate(session, evaluation).lddtCa();
                double lddt = untrained;
                double best = untrained;
                int steps = 0;
                while (lddt <= TARGET && steps < MAX_STEPS) {
                    TrainingStep.StepResult result = step.run(session, examples.train(steps));
                    assertTrue(result.warnings().isEmpty(), result.warnings().toString());
                    steps++;
                    if (steps % EVAL_EVERY == 0) {
                        lddt = step.evaluate(session, evaluation).lddtCa();
                        best = Math.max(best, lddt);
                        curve.add(String.format("%d:%.3f(loss %.2f)", steps, lddt, result.loss()));
                    }
                }
                System.out.printf("untrained lDDT-Ca %.3f; steps:lDDT-Ca %s%n", untrained, String.join(" ", curve));
                assertTrue(best > TARGET, "lDDT-Ca " + untrained + " untrained, at best " + best + " in " + steps + " steps");
            }
        }
    }
}
