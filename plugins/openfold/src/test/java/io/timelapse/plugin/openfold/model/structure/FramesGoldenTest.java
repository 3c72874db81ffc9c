package io.timelapse.plugin.openfold.model.structure;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-graph frames and quaternions against OpenFold's rigid_utils (fixtures rigid_frames and
 * quaternion_utils, B=2, N=8), in float32; the same outputs {@code geometry.RigidGoldenTest} and
 * {@code QuaternionGoldenTest} check on the host.
 */
class FramesGoldenTest {

    private static final ComputeService COMPUTE = TestCompute.SERVICE;
    private static final double ATOL = 1e-4;
    private static final double RTOL = 1e-4;

    @Test
    void rigidFramesMatchOpenFold() {
        String f = "rigid_frames";
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            // r1 = from_3_points is host-side only; its rotation and translation come from the fixture.
            Frames r1 = new Frames(ops, constant(ops, f, "output.r1_rot"), constant(ops, f, "output.r1_trans"));
            Frames r2 = Frames.fromQuaternion(ops, constant(ops, f, "input.r2_quat_wxyz"), constant(ops, f, "input.r2_trans"));
            Tensor points = constant(ops, f, "input.points");
            Frames composed = r1.compose(r2);
            Frames inverse = r1.invert();
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            outputs.put("r2_rot", r2.rotation());
            outputs.put("compose_r1_r2_rot", composed.rotation());
            outputs.put("compose_r1_r2_trans", composed.translation());
            outputs.put("invert_r1_rot", inverse.rotation());
            outputs.put("invert_r1_trans", inverse.translation());
            outputs.put("r1_apply_points", r1.apply(points));
            outputs.put("r1_invert_apply_points", r1.invertApply(points));
            assertOutputs(graph, f, outputs);
        }
    }

    @Test
    void quaternionUtilitiesMatchOpenFold() {
        String f = "quaternion_utils";
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor q = constant(ops, f, "input.quat_unit_wxyz");
            Tensor reversed = ops.constant(reverseResidues(Fixtures.load(f, "input.quat_unit_wxyz")));
            Tensor trans = constant(ops, f, "input.trans");
            Tensor update = constant(ops, f, "input.quat_update_vec6");
            Frames rotations = Frames.fromQuaternion(ops, q, ops.zerosLike(trans));
            Frames updated = Frames.fromQuaternion(ops, q, trans).composeQUpdateVec(q, update);
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            outputs.put("quat_to_rot", rotations.rotation());
            outputs.put("quat_multiply_q_q", Quaternions.multiply(ops, q, reversed));
            outputs.put("quat_multiply_by_vec", Quaternions.multiplyByVector(ops, q, constant(ops, f, "input.vec3")));
            outputs.put("rot_matmul", rotations.compose(Frames.fromQuaternion(ops, reversed, ops.zerosLike(trans))).rotation());
            outputs.put("rot_vec_mul", rotations.apply(constant(ops, f, "input.vec3")));
            outputs.put("compose_q_update_vec_quat", Quaternions.composeUpdate(ops, q, ops.split(update, -1, 3, 3).get(0)));
            outputs.put("compose_q_update_vec_rot", updated.rotation());
            outputs.put("compose_q_update_vec_trans", updated.translation());
            assertOutputs(graph, f, outputs);
        }
    }

    private static void assertOutputs(Graph graph, String fixture, Map<String, Tensor> outputs) {
        try (Session session = graph.newSession(); Outputs values = session.run(Map.of(), new ArrayList<>(outputs.values()))) {
            int i = 0;
            for (String name : outputs.keySet()) {
                HostTensor value = values.get(i++);
                Fixtures.assertClose(Fixtures.load(fixture, "output." + name).data(), value.toDoubles(), ATOL, RTOL, name);
            }
        }
    }

    private static Tensor constant(Ops ops, String fixture, String name) {
        return ops.constant(host(Fixtures.load(fixture, name)));
    }

    private static HostTensor host(Fixtures.Array array) {
        return HostTensor.of(array.toFloats(), dims(array.shape()));
    }

    /** The [B, N, 4] quaternions with the residue axis reversed, as the fixture multiplies them. */
    private static HostTensor reverseResidues(Fixtures.Array array) {
        int[] shape = array.shape();
        float[] values = array.toFloats();
        float[] reversed = new float[values.length];
        int width = shape[2];
        for (int b = 0; b < shape[0]; b++) {
            for (int n = 0; n < shape[1]; n++) {
                System.arraycopy(values, (b * shape[1] + n) * width, reversed, (b * shape[1] + shape[1] - 1 - n) * width, width);
            }
        }
        return HostTensor.of(reversed, dims(shape));
    }

    private static long[] dims(int[] shape) {
        long[] dims = new long[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape[i];
        }
        return dims;
    }
}
