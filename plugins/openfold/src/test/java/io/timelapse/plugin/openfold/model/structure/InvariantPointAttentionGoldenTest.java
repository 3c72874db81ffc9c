package io.timelapse.plugin.openfold.model.structure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invariant point attention against OpenFold's own output with its weights, in float32. */
class InvariantPointAttentionGoldenTest {

    private static final ComputeService COMPUTE = TestCompute.SERVICE;

    @Test
    void invariantPointAttentionEqualsOpenFold() {
        ModuleFixture fixture = ModuleFixture.of("invariant_point_attention");
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = new InvariantPointAttention(ops, fixture.intArg("c_s"), fixture.intArg("c_z"), fixture.intArg("c_hidden"),
                    fixture.intArg("no_heads"), fixture.intArg("no_qk_points"), fixture.intArg("no_v_points"),
                    fixture.doubleArg("inf"), fixture.doubleArg("eps"), DType.F32);
            Tensor s = fixture.placeholder(ops, "s");
            Tensor z = fixture.placeholder(ops, "z");
            Tensor quaternions = fixture.placeholder(ops, "rigid_quat_wxyz");
            Tensor translations = fixture.placeholder(ops, "rigid_trans");
            Tensor mask = fixture.placeholder(ops, "seq_mask");
            Tensor update = module.apply(s, z, Frames.fromQuaternion(ops, quaternions, translations), mask);
            try (Session session = fixture.session(graph, module)) {
                Map<Tensor, HostTensor> feeds = Map.of(s, fixture.value("s"), z, fixture.value("z"),
                        quaternions, fixture.value("rigid_quat_wxyz"), translations, fixture.value("rigid_trans"),
                        mask, fixture.value("seq_mask"));
                fixture.assertOutput("s_update", session.run(feeds, List.of(update)).get(0));
            }
        }
    }

    /** Moving every frame by one global rigid motion leaves the update unchanged (AF2's invariance). */
    @Test
    void updateIsInvariantUnderAGlobalRigidMotion() {
        ModuleFixture fixture = ModuleFixture.of("invariant_point_attention");
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = module(ops, fixture);
            Tensor s = fixture.placeholder(ops, "s");
            Tensor z = fixture.placeholder(ops, "z");
            Tensor quaternions = fixture.placeholder(ops, "rigid_quat_wxyz");
            Tensor translations = fixture.placeholder(ops, "rigid_trans");
            Frames frames = Frames.fromQuaternion(ops, quaternions, translations);
            double half = Math.sqrt(0.5);
            Frames motion = Frames.fromQuaternion(ops, ops.constant(HostTensor.of(new float[] {(float) half, 0, (float) half, 0}, 4)),
                    ops.constant(HostTensor.of(new float[] {3, -2, 5}, 3)));
            Tensor update = module.apply(s, z, frames, null);
            Tensor moved = module.apply(s, z, motion.compose(frames), null);
            Map<Tensor, HostTensor> feeds = Map.of(s, fixture.value("s"), z, fixture.value("z"),
                    quaternions, fixture.value("rigid_quat_wxyz"), translations, fixture.value("rigid_trans"));
            try (Session session = fixture.session(graph, module); Outputs values = session.run(feeds, List.of(update, moved))) {
                double difference = ModuleFixture.maxAbsDiff(values.get(0).toDoubles(), values.get(1).toDoubles());
                assertTrue(difference < 1e-4, "max abs difference " + difference);
            }
        }
    }

    private static InvariantPointAttention module(Ops ops, ModuleFixture fixture) {
        return new InvariantPointAttention(ops, fixture.intArg("c_s"), fixture.intArg("c_z"), fixture.intArg("c_hidden"),
                fixture.intArg("no_heads"), fixture.intArg("no_qk_points"), fixture.intArg("no_v_points"),
                fixture.doubleArg("inf"), fixture.doubleArg("eps"), DType.F32);
    }
}
