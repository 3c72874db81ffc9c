package io.timelapse.plugin.openfold.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Session;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Uniform recycling: with it, each step runs a number of cycles drawn from 1 to the recycling axis' length. */
class TrainingStepTest {

    @Test
    void uniformRecyclingDrawsTheCyclesPerStepAndEachChoiceTrains() throws Exception {
        ProteinChain chain = StructureFiles.read(Fixtures.resourcePath("theseus/2sdf_model1.pdb.gz")).chain(null);
        AlphaFoldConfig uniform = AlphaFoldConfig.preset("micro").with(Map.of("data.uniform_recycling", true));
        PipelineConfig pipeline = PipelineConfig.openFoldTraining().withCropSize(12).withMsaLimits(5, 8);
        TrainingExamples examples = new TrainingExamples(chain, TrainingExamples.singleSequence(chain), pipeline, 2, 3,
                TrainingExamples.NOMINAL_RESOLUTION);
        try (Graph graph = TestCompute.SERVICE.newGraph(3)) {
            TrainingStep step = new TrainingStep(graph, uniform, DType.F32, examples.train(0), OptimizerSettings.openFold());
            assertEquals(List.of(1, 2), step.cycleChoices());
            Set<Integer> drawn = new HashSet<>();
            for (long s = 0; s < 40; s++) {
                drawn.add(step.cyclesAt(s));
                assertEquals(step.cyclesAt(s), step.cyclesAt(s), "a function of the step");
            }
            assertEquals(Set.of(1, 2), drawn);
            try (Session session = graph.newSession()) {
                session.initialize();
                Set<Integer> ran = new HashSet<>();
                for (int s = 0; ran.size() < 2 && s < 10; s++) {
                    TrainingStep.StepResult result = step.run(session, examples.train(s));
                    assertEquals(step.cyclesAt(s), result.cycles());
                    assertTrue(Double.isFinite(result.loss()) && result.loss() > 0, "loss " + result.loss());
                    ran.add(result.cycles());
                }
                assertEquals(Set.of(1, 2), ran, "both numbers of cycles train");
            }
        }
        try (Graph graph = TestCompute.SERVICE.newGraph(3)) {
            TrainingStep fixed = new TrainingStep(graph, AlphaFoldConfig.preset("micro"), DType.F32, examples.train(0),
                    OptimizerSettings.openFold());
            assertEquals(List.of(2), fixed.cycleChoices(), "without uniform recycling every slice runs");
        }
    }
}
