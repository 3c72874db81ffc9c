package io.timelapse.plugin.openfold.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.plugin.openfold.geometry.Rigid;
import io.timelapse.plugin.openfold.geometry.Vec3;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every structure metric is unchanged when the prediction is moved rigidly. */
class MetricsInvarianceTest {

    private static double[][] move(double[][] x, Rigid r) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            Vec3 p = r.apply(new Vec3(x[i][0], x[i][1], x[i][2]));
            out[i] = new double[] {p.x(), p.y(), p.z()};
        }
        return out;
    }

    @Test
    void metricsAreInvariantUnderRigidMotion() {
        double[][][] pred = MetricsGoldenTest.coords("pred_ca");
        double[][][] truth = MetricsGoldenTest.coords("true_ca");
        double[][] mask = MetricsGoldenTest.mask();
        Random rnd = new Random(5);
        for (int b = 0; b < 2; b++) {
            StructureMetrics base = StructureMetrics.of(pred[b], truth[b], mask[b]);
            for (int trial = 0; trial < 5; trial++) {
                Rigid motion = Rigid.fromThreePoints(
                        new Vec3(rnd.nextGaussian() * 30, rnd.nextGaussian() * 30, rnd.nextGaussian() * 30),
                        new Vec3(rnd.nextGaussian() * 30, rnd.nextGaussian() * 30, rnd.nextGaussian() * 30),
                        new Vec3(rnd.nextGaussian() * 30, rnd.nextGaussian() * 30, rnd.nextGaussian() * 30), 0);
                StructureMetrics moved = StructureMetrics.of(move(pred[b], motion), truth[b], mask[b]);
                assertEquals(base.lddtGlobal(), moved.lddtGlobal(), 1e-9);
                assertEquals(base.drmsd(), moved.drmsd(), 1e-9);
                assertEquals(base.rmsd(), moved.rmsd(), 1e-8);
                assertEquals(base.gdtTs(), moved.gdtTs(), 1e-12);
                assertEquals(base.gdtHa(), moved.gdtHa(), 1e-12);
                for (int i = 0; i < base.lddtPerResidue().length; i++) {
                    assertEquals(base.lddtPerResidue()[i], moved.lddtPerResidue()[i], 1e-9);
                }
            }
            // A perfect prediction scores perfectly.
            StructureMetrics self = StructureMetrics.of(truth[b], truth[b], mask[b]);
            assertEquals(1.0, self.lddtGlobal(), 1e-12);
            assertEquals(0.0, self.rmsd(), 1e-9);
            assertEquals(1.0, self.gdtTs(), 1e-12);
        }
    }
}
