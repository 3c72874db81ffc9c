package io.timelapse.plugin.openfold.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.openfold.geometry.Rigid;
import io.timelapse.plugin.openfold.geometry.Vec3;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The PCA shares and radius of gyration of point clouds, and the transitions detected from a run's dimensions. */
class CaShapeTest {

    private final Random random = new Random(11);

    @Test
    void aLineAPlaneAndABallFillOneTwoAndThreeDimensionsWhereverTheyAreMoved() {
        Vec3 u = new Vec3(1, 2, 3).scale(1 / Math.sqrt(14));
        Vec3 v = new Vec3(3, 0, -1).scale(1 / Math.sqrt(10));
        Vec3 w = u.cross(v);
        double[][] line = new double[60][];
        double[][] plane = new double[60][];
        double[][] ball = new double[300][];
        for (int i = 0; i < line.length; i++) {
            line[i] = point(u.scale(random.nextDouble() * 40 - 20).plus(noise(0.01)));
            plane[i] = point(u.scale(random.nextDouble() * 30 - 15).plus(v.scale(random.nextDouble() * 20 - 10)).plus(noise(0.01)));
        }
        for (int i = 0; i < ball.length; i++) {
            Vec3 p;
            do {
                p = new Vec3(random.nextDouble() * 2 - 1, random.nextDouble() * 2 - 1, random.nextDouble() * 2 - 1);
            } while (p.norm() > 1);
            ball[i] = point(u.scale(p.x() * 10).plus(v.scale(p.y() * 10)).plus(w.scale(p.z() * 10)));
        }
        for (int trial = 0; trial < 4; trial++) {
            Rigid motion = trial == 0 ? null : randomMotion();
            CaShape l = CaShape.of(move(line, motion), null);
            assertEquals(1.0, l.pc1(), 1e-5, "a line: " + l);
            assertEquals(1, l.dimension(0.9));

            CaShape p = CaShape.of(move(plane, motion), null);
            assertTrue(p.pc1() < 0.9, "a plane: " + p);
            assertEquals(1.0, p.pc12(), 1e-5, "a plane: " + p);
            assertEquals(2, p.dimension(0.9));

            CaShape b = CaShape.of(move(ball, motion), null);
            assertTrue(b.pc1() < 0.5 && b.pc12() < 0.8, "a ball: " + b);
            assertEquals(1.0, b.pc123(), 1e-12);
            assertEquals(3, b.dimension(0.9));

            if (motion != null) {
                CaShape still = CaShape.of(plane, null);
                assertEquals(still.pc1(), p.pc1(), 1e-9);
                assertEquals(still.pc12(), p.pc12(), 1e-9);
                assertEquals(still.radiusOfGyration(), p.radiusOfGyration(), 1e-9);
                assertEquals(CaShape.of(ball, null).pc1(), b.pc1(), 1e-9);
                assertEquals(CaShape.of(ball, null).radiusOfGyration(), b.radiusOfGyration(), 1e-9);
            }
        }
    }

    @Test
    void handComputedSharesAndRadiiOfGyration() {
        // Centroid (0.5, 0.5, 0.5); squared distances 0.75, 2.75, 2.75, 2.75: mean 2.25, Rg 1.5 Å.
        CaShape corner = CaShape.of(new double[][] {{0, 0, 0}, {2, 0, 0}, {0, 2, 0}, {0, 0, 2}}, null);
        assertEquals(1.5, corner.radiusOfGyration(), 1e-12);
        // A square: covariance diag(1, 1, 0), so PC1 holds half of the variance and PC1+PC2 all of it; Rg √2.
        CaShape square = CaShape.of(new double[][] {{1, 1, 5}, {1, -1, 5}, {-1, 1, 5}, {-1, -1, 5}}, null);
        assertEquals(0.5, square.pc1(), 1e-12);
        assertEquals(1.0, square.pc12(), 1e-12);
        assertEquals(Math.sqrt(2), square.radiusOfGyration(), 1e-12);
        assertEquals(2, square.dimension(0.9));
        assertEquals(2, square.dimension(1.0));
        assertEquals(1, square.dimension(0.5));
        // A masked-out point does not count.
        CaShape masked = CaShape.of(new double[][] {{1, 1, 5}, {1, -1, 5}, {99, 99, 99}, {-1, 1, 5}, {-1, -1, 5}},
                new double[] {1, 1, 0, 1, 1});
        assertEquals(square, masked);
    }

    @Test
    void aPointHasNoAxes() {
        CaShape point = CaShape.of(new double[][] {{3, 4, 5}, {3, 4, 5}, {3, 4, 5}}, null);
        assertTrue(Double.isNaN(point.pc1()) && Double.isNaN(point.pc12()) && Double.isNaN(point.pc123()), point.toString());
        assertEquals(0.0, point.radiusOfGyration());
        assertEquals(0, point.dimension(0.9));
    }

    @Test
    void transitionsAreWhereThePredictionsStayAtTwoAndAtThreeDimensions() {
        List<Long> steps = List.of(0L, 10L, 20L, 30L, 40L, 50L);
        assertEquals(new Transitions(OptionalLong.of(30), OptionalLong.of(40)), Transitions.detect(steps, List.of(0, 1, 1, 2, 3, 3)));
        // A relapse to 1-D at step 20 moves the planar transition after it.
        assertEquals(new Transitions(OptionalLong.of(30), OptionalLong.of(50)), Transitions.detect(steps, List.of(1, 2, 1, 2, 2, 3)));
        // Planar never resolved between two checkpoints: both at once.
        assertEquals(new Transitions(OptionalLong.of(20), OptionalLong.of(20)), Transitions.detect(steps, List.of(1, 1, 3, 3, 3, 3)));
        // Already 3-D at the first checkpoint, or still planar at the last: not detected.
        assertEquals(new Transitions(OptionalLong.empty(), OptionalLong.empty()), Transitions.detect(steps, List.of(3, 3, 3, 3, 3, 3)));
        assertEquals(new Transitions(OptionalLong.of(10), OptionalLong.empty()), Transitions.detect(steps, List.of(1, 2, 2, 2, 3, 2)));
    }

    private Rigid randomMotion() {
        return Rigid.fromThreePoints(noise(30), noise(30), noise(30), 0);
    }

    private Vec3 noise(double scale) {
        return new Vec3(random.nextGaussian() * scale, random.nextGaussian() * scale, random.nextGaussian() * scale);
    }

    private static double[] point(Vec3 p) {
        return new double[] {p.x(), p.y(), p.z()};
    }

    private static double[][] move(double[][] points, Rigid motion) {
        if (motion == null) {
            return points;
        }
        double[][] moved = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            moved[i] = point(motion.apply(new Vec3(points[i][0], points[i][1], points[i][2])));
        }
        return moved;
    }
}
