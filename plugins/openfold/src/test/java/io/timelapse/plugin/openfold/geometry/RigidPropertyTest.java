package io.timelapse.plugin.openfold.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties that hold for any frame: orthonormality, inverse, round trips through encodings. */
class RigidPropertyTest {

    private static Vec3 randomPoint(Random rnd) {
        return new Vec3(rnd.nextGaussian() * 10, rnd.nextGaussian() * 10, rnd.nextGaussian() * 10);
    }

    private static Rigid randomRigid(Random rnd) {
        return Rigid.fromThreePoints(randomPoint(rnd), randomPoint(rnd), randomPoint(rnd));
    }

    @Test
    void framesFromThreePointsAreOrthonormalRightHanded() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            Rotation r = randomRigid(rnd).rotation();
            Rotation gram = r.invert().compose(r);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(i == j ? 1.0 : 0.0, gram.get(i, j), 1e-7);
                }
            }
            double det = r.get(0, 0) * (r.get(1, 1) * r.get(2, 2) - r.get(1, 2) * r.get(2, 1))
                    - r.get(0, 1) * (r.get(1, 0) * r.get(2, 2) - r.get(1, 2) * r.get(2, 0))
                    + r.get(0, 2) * (r.get(1, 0) * r.get(2, 1) - r.get(1, 1) * r.get(2, 0));
            assertEquals(1.0, det, 1e-7);
        }
    }

    @Test
    void composeWithInverseIsIdentity() {
        Random rnd = new Random(12);
        for (int trial = 0; trial < 200; trial++) {
            Rigid r = randomRigid(rnd);
            for (Rigid id : new Rigid[] {r.compose(r.invert()), r.invert().compose(r)}) {
                double[] m = id.toTensor4x4();
                double[] eye = Rigid.IDENTITY.toTensor4x4();
                for (int k = 0; k < 16; k++) {
                    assertEquals(eye[k], m[k], 1e-7);
                }
            }
            Vec3 p = randomPoint(rnd);
            Vec3 back = r.invertApply(r.apply(p));
            assertEquals(0.0, back.distance(p), 1e-7);
        }
    }

    @Test
    void encodingsRoundTrip() {
        Random rnd = new Random(13);
        for (int trial = 0; trial < 200; trial++) {
            Rigid r = randomRigid(rnd);
            Vec3 p = randomPoint(rnd);
            Vec3 expected = r.apply(p);
            assertEquals(0.0, Rigid.fromTensor4x4(r.toTensor4x4(), 0).apply(p).distance(expected), 1e-7);
            assertEquals(0.0, Rigid.fromTensor7(r.toTensor7(), 0).apply(p).distance(expected), 1e-7);
        }
    }
}
