package io.timelapse.plugin.openfold.geometry;

import static io.timelapse.plugin.openfold.testing.Fixtures.assertClose;

import io.timelapse.plugin.openfold.testing.Fixtures;
import io.timelapse.plugin.openfold.testing.Fixtures.Array;
import org.junit.jupiter.api.Test;

/** Rigid transforms against OpenFold's rigid_utils (fixture rigid_frames, B=2, N=8). */
class RigidGoldenTest {

    private static final String F = "rigid_frames";
    private static final double ATOL = 1e-4;
    private static final double RTOL = 1e-4;
    private static final int COUNT = 16;

    private static Array in(String name) {
        return Fixtures.load(F, "input." + name);
    }

    private static Array out(String name) {
        return Fixtures.load(F, "output." + name);
    }

    private static Rigid r1(int i) {
        return Rigid.fromThreePoints(
                Vec3.of(in("p_neg_x_axis_N").data(), 3 * i),
                Vec3.of(in("origin_CA").data(), 3 * i),
                Vec3.of(in("p_xy_plane_C").data(), 3 * i),
                1e-8);
    }

    private static Rigid r2(int i) {
        double[] q = in("r2_quat_wxyz").data();
        return Rigid.fromQuaternion(new Quaternion(q[4 * i], q[4 * i + 1], q[4 * i + 2], q[4 * i + 3]),
                Vec3.of(in("r2_trans").data(), 3 * i));
    }

    private interface PerItem {
        double[] compute(int i);
    }

    private static double[] collect(int width, PerItem f) {
        double[] all = new double[COUNT * width];
        for (int i = 0; i < COUNT; i++) {
            System.arraycopy(f.compute(i), 0, all, i * width, width);
        }
        return all;
    }

    private static double[] vec(Vec3 v) {
        return new double[] {v.x(), v.y(), v.z()};
    }

    @Test
    void fromThreePointsMatchesOpenFold() {
        assertClose(out("r1_rot").data(), collect(9, i -> r1(i).rotation().toArray()), ATOL, RTOL, "r1_rot");
        assertClose(out("r1_trans").data(), collect(3, i -> vec(r1(i).translation())), ATOL, RTOL, "r1_trans");
        assertClose(out("r1_to_tensor_4x4").data(), collect(16, i -> r1(i).toTensor4x4()), ATOL, RTOL, "4x4");
    }

    @Test
    void quaternionFrameMatchesOpenFold() {
        assertClose(out("r2_rot").data(), collect(9, i -> r2(i).rotation().toArray()), ATOL, RTOL, "r2_rot");
        double[] expected = out("r2_to_tensor_7").data();
        double[] actual = collect(7, i -> r2(i).toTensor7());
        // A quaternion and its negation are the same rotation; align signs before comparing.
        for (int i = 0; i < COUNT; i++) {
            if (expected[7 * i] * actual[7 * i] < 0) {
                for (int k = 0; k < 4; k++) {
                    actual[7 * i + k] = -actual[7 * i + k];
                }
            }
        }
        assertClose(expected, actual, ATOL, RTOL, "tensor7");
    }

    @Test
    void composeInvertApplyMatchOpenFold() {
        assertClose(out("compose_r1_r2_rot").data(), collect(9, i -> r1(i).compose(r2(i)).rotation().toArray()), ATOL, RTOL, "compose rot");
        assertClose(out("compose_r1_r2_trans").data(), collect(3, i -> vec(r1(i).compose(r2(i)).translation())), ATOL, RTOL, "compose trans");
        assertClose(out("invert_r1_rot").data(), collect(9, i -> r1(i).invert().rotation().toArray()), ATOL, RTOL, "invert rot");
        assertClose(out("invert_r1_trans").data(), collect(3, i -> vec(r1(i).invert().translation())), ATOL, RTOL, "invert trans");
        double[] points = in("points").data();
        assertClose(out("r1_apply_points").data(), collect(3, i -> vec(r1(i).apply(Vec3.of(points, 3 * i)))), ATOL, RTOL, "apply");
        assertClose(out("r1_invert_apply_points").data(), collect(3, i -> vec(r1(i).invertApply(Vec3.of(points, 3 * i)))), ATOL, RTOL, "invert_apply");
    }
}
