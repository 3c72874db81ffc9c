package io.timelapse.plugin.dsb.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * L-BFGS with the strong Wolfe search on the Rosenbrock function, against torch 1.13's
 * {@code LBFGS([x], line_search_fn="strong_wolfe", max_iter=N).step(closure)} in float64 (values printed by a
 * scratch script: end point, iterations from {@code state["n_iter"]} and closure calls).
 */
class LbfgsTest {

    private static final DifferentiableFunction ROSENBROCK = (x, g) -> {
        double f = 0;
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i + 1 < x.length; i++) {
            double a = 1 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            f += a * a + 100 * b * b;
            g[i] += -2 * a - 400 * x[i] * b;
            g[i + 1] += 200 * b;
        }
        return f;
    };

    @Test
    void rosenbrockFromTheClassicStartConvergesAsTorchDoes() {
        Lbfgs.Result result = new Lbfgs(100).minimize(ROSENBROCK, new double[] {-1.2, 1});
        assertArrayEquals(new double[] {0.9999814210791366, 0.9999619651810989}, result.x(), 1e-9);
        assertEquals(4.221457511263308e-10, result.value(), 1e-15);
        assertEquals(35, result.iterations());
        assertEquals(43, result.evaluations());
        assertArrayEquals(new double[] {1, 1}, result.x(), 1e-4);
    }

    @Test
    void theEvaluationBudgetIsFiveQuartersOfTheIterations() {
        Lbfgs.Result result = new Lbfgs(5).minimize(ROSENBROCK, new double[] {-1.2, 1});
        assertArrayEquals(new double[] {-1.0276177663827242, 1.0584120782656612}, result.x(), 1e-12);
        assertEquals(4.111816451757751, result.value(), 1e-12);
        assertEquals(4, result.iterations());
        assertEquals(6, result.evaluations());
    }

    @Test
    void sixDimensionalRosenbrockFollowsTorchsTrajectory() {
        double[] start = {-1.5, 2.0, 0.5, -0.3, 1.1, 0.0};
        Lbfgs.Result twenty = new Lbfgs(20).minimize(ROSENBROCK, start);
        assertArrayEquals(new double[] {-0.944183103284809, 0.8985044583827055, 0.8152980593786701, 0.667689257813869,
            0.44133991894660946, 0.18952884102280693}, twenty.x(), 1e-9);
        assertEquals(4.2637506687015705, twenty.value(), 1e-10);
        assertEquals(20, twenty.iterations());
        assertEquals(21, twenty.evaluations());
        Lbfgs.Result hundred = new Lbfgs(100).minimize(ROSENBROCK, start);
        assertEquals(3.973940501069398, hundred.value(), 1e-9);
        assertEquals(36, hundred.iterations());
        assertEquals(39, hundred.evaluations());
        assertArrayEquals(new double[] {-1.5, 2.0, 0.5, -0.3, 1.1, 0.0}, start, 0, "the start point is not changed");
    }

    @Test
    void anIllConditionedQuadraticIsSolved() {
        double[] centre = {3, -2, 0.5, 7};
        double[] weights = {1, 10, 100, 0.1};
        DifferentiableFunction quadratic = (x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - centre[i];
                f += 0.5 * weights[i] * d * d;
                g[i] = weights[i] * d;
            }
            return f;
        };
        Lbfgs.Result result = new Lbfgs(100).minimize(quadratic, new double[4]);
        assertArrayEquals(centre, result.x(), 1e-5);
    }

    @Test
    void noIterationsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Lbfgs(0));
        assertEquals("L-BFGS needs at least one iteration and one history pair, got 0 and 100", e.getMessage());
    }
}
