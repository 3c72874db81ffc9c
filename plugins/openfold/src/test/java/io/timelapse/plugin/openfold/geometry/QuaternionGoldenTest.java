package io.timelapse.plugin.openfold.geometry;

import static io.timelapse.plugin.openfold.testing.Fixtures.assertClose;

import io.timelapse.plugin.openfold.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Quaternion utilities against OpenFold's rigid_utils (fixture quaternion_utils, B=2, N=8). */
class QuaternionGoldenTest {

    private static final String F = "quaternion_utils";
    private static final double ATOL = 1e-4;
    private static final double RTOL = 1e-4;
    private static final int B = 2;
    private static final int N = 8;

    private static Quaternion quat(int b, int n) {
        double[] q = Fixtures.load(F, "input.quat_unit_wxyz").data();
        int o = 4 * (b * N + n);
        return new Quaternion(q[o], q[o + 1], q[o + 2], q[o + 3]);
    }

    private static double[] flatten(java.util.function.BiFunction<Integer, Integer, double[]> f, int width) {
        double[] all = new double[B * N * width];
        for (int b = 0; b < B; b++) {
            for (int n = 0; n < N; n++) {
                System.arraycopy(f.apply(b, n), 0, all, (b * N + n) * width, width);
            }
        }
        return all;
    }

    private static double[] out(String name) {
        return Fixtures.load(F, "output." + name).data();
    }

    @Test
    void quaternionToRotationAndBack() {
        assertClose(out("quat_to_rot"), flatten((b, n) -> quat(b, n).toRotation().toArray(), 9), ATOL, RTOL, "quat_to_rot");
        double[] expected = out("rot_to_quat");
        double[] actual = flatten((b, n) -> quat(b, n).toRotation().toQuaternion().toArray(), 4);
        for (int i = 0; i < B * N; i++) {
            double sign = Math.signum(expected[4 * i]) * Math.signum(actual[4 * i]) < 0 ? -1 : 1;
            for (int k = 0; k < 4; k++) {
                actual[4 * i + k] *= sign;
            }
        }
        assertClose(expected, actual, ATOL, RTOL, "rot_to_quat (up to sign)");
    }

    @Test
    void productsMatchOpenFold() {
        assertClose(out("quat_multiply_q_q"), flatten((b, n) -> quat(b, n).multiply(quat(b, N - 1 - n)).toArray(), 4), ATOL, RTOL, "q*q");
        double[] v = Fixtures.load(F, "input.vec3").data();
        assertClose(out("quat_multiply_by_vec"),
                flatten((b, n) -> quat(b, n).multiplyByVector(Vec3.of(v, 3 * (b * N + n))).toArray(), 4), ATOL, RTOL, "q*v");
        assertClose(out("rot_matmul"),
                flatten((b, n) -> quat(b, n).toRotation().compose(quat(b, N - 1 - n).toRotation()).toArray(), 9), ATOL, RTOL, "rot_matmul");
        assertClose(out("rot_vec_mul"), flatten((b, n) -> {
            Vec3 r = quat(b, n).toRotation().apply(Vec3.of(v, 3 * (b * N + n)));
            return new double[] {r.x(), r.y(), r.z()};
        }, 3), ATOL, RTOL, "rot_vec_mul");
    }

    @Test
    void backboneUpdateMatchesOpenFold() {
        double[] t = Fixtures.load(F, "input.trans").data();
        double[] upd = Fixtures.load(F, "input.quat_update_vec6").data();
        java.util.function.BiFunction<Integer, Integer, Rigid> updated = (b, n) -> {
            int i = b * N + n;
            Quaternion q = quat(b, n);
            return Rigid.fromQuaternion(q, Vec3.of(t, 3 * i)).composeQUpdateVec(q, upd, 6 * i);
        };
        assertClose(out("compose_q_update_vec_rot"), flatten((b, n) -> updated.apply(b, n).rotation().toArray(), 9), ATOL, RTOL, "rot");
        assertClose(out("compose_q_update_vec_trans"), flatten((b, n) -> {
            Vec3 tr = updated.apply(b, n).translation();
            return new double[] {tr.x(), tr.y(), tr.z()};
        }, 3), ATOL, RTOL, "trans");
        double[] expected = out("compose_q_update_vec_quat");
        double[] actual = flatten((b, n) -> {
            int i = b * N + n;
            Quaternion q = quat(b, n);
            return q.plus(q.multiplyByVector(Vec3.of(upd, 6 * i))).normalize().toArray();
        }, 4);
        assertClose(expected, actual, ATOL, RTOL, "quat");
    }
}
