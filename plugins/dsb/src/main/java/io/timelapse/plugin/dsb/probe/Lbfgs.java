package io.timelapse.plugin.dsb.probe;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Limited-memory BFGS as one call of {@code torch.optim.LBFGS(params, lr=1, max_iter=N,
 * line_search_fn="strong_wolfe").step(closure)} runs it, in float64: the two-loop recursion over at most
 * {@code history} curvature pairs (pairs with {@code yᵀs <= 1e-10} are skipped), an initial step
 * {@code min(1, 1/|g|₁)} on the first iteration and 1 after, the {@link StrongWolfeSearch strong Wolfe line
 * search}, and torch's stopping rules: at most {@code maxIterations} iterations and {@code maxIterations·5/4}
 * evaluations, {@code max|g| <= 1e-7}, a step or change of value below {@code 1e-9}, or a direction that does
 * not descend.
 */
public final class Lbfgs {

    public static final double GRADIENT_TOLERANCE = 1e-7;
    public static final double CHANGE_TOLERANCE = 1e-9;
    public static final int HISTORY = 100;

    /** Where the minimisation stopped: the point, its value, iterations and function evaluations used. */
    public record Result(double[] x, double value, int iterations, int evaluations) {}

    private final int maxIterations;
    private final int maxEvaluations;
    private final int history;

    public Lbfgs(int maxIterations) {
        this(maxIterations, HISTORY);
    }

    public Lbfgs(int maxIterations, int history) {
        if (maxIterations < 1 || history < 1) {
            throw new IllegalArgumentException("L-BFGS needs at least one iteration and one history pair, got "
                + maxIterations + " and " + history);
        }
        this.maxIterations = maxIterations;
        this.maxEvaluations = maxIterations * 5 / 4;
        this.history = history;
    }

    /** Minimises {@code f} from {@code start} (not changed). */
    public Result minimize(DifferentiableFunction f, double[] start) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double value = f.evaluate(x, g);
        int evaluations = 1;
        if (maxAbs(g) <= GRADIENT_TOLERANCE) {
            return new Result(x, value, 0, evaluations);
        }
        Deque<double[]> ys = new ArrayDeque<>();
        Deque<double[]> ss = new ArrayDeque<>();
        Deque<Double> rhos = new ArrayDeque<>();
        double[] direction = null;
        double[] previousGradient = null;
        double t = 0;
        double scale = 1;
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            if (iteration == 1) {
                direction = scaled(g, -1);
            } else {
                double[] y = new double[n];
                double[] s = new double[n];
                for (int i = 0; i < n; i++) {
                    y[i] = g[i] - previousGradient[i];
                    s[i] = direction[i] * t;
                }
                double ys1 = dot(y, s);
                if (ys1 > 1e-10) {
                    if (ys.size() == history) {
                        ys.removeFirst();
                        ss.removeFirst();
                        rhos.removeFirst();
                    }
                    ys.addLast(y);
                    ss.addLast(s);
                    rhos.addLast(1 / ys1);
                    scale = ys1 / dot(y, y);
                }
                direction = twoLoop(g, ys, ss, rhos, scale);
            }
            previousGradient = g;
            double previousValue = value;
            t = iteration == 1 ? Math.min(1, 1 / sumAbs(g)) : 1;
            double slope = dot(g, direction);
            if (slope > -CHANGE_TOLERANCE) {
                break;
            }
            StrongWolfeSearch.Step step = new StrongWolfeSearch(f, x, direction, CHANGE_TOLERANCE).search(t, value, g, slope);
            t = step.t();
            for (int i = 0; i < n; i++) {
                x[i] += t * direction[i];
            }
            value = step.value();
            g = step.gradient();
            evaluations += step.evaluations();
            if (iteration == maxIterations || evaluations >= maxEvaluations || maxAbs(g) <= GRADIENT_TOLERANCE
                    || maxAbs(direction) * Math.abs(t) <= CHANGE_TOLERANCE || Math.abs(value - previousValue) < CHANGE_TOLERANCE) {
                break;
            }
        }
        return new Result(x, value, iteration, evaluations);
    }

    /** {@code -H g} for the inverse-Hessian approximation of the stored pairs (oldest first), with {@code H0 = scale·I}. */
    private static double[] twoLoop(double[] g, Deque<double[]> ys, Deque<double[]> ss, Deque<Double> rhos, double scale) {
        int m = ys.size();
        double[][] y = ys.toArray(new double[0][]);
        double[][] s = ss.toArray(new double[0][]);
        Double[] rho = rhos.toArray(new Double[0]);
        double[] alpha = new double[m];
        double[] q = scaled(g, -1);
        for (int k = m - 1; k >= 0; k--) {
            alpha[k] = dot(s[k], q) * rho[k];
            axpy(-alpha[k], y[k], q);
        }
        double[] r = scaled(q, scale);
        for (int k = 0; k < m; k++) {
            double beta = dot(y[k], r) * rho[k];
            axpy(alpha[k] - beta, s[k], r);
        }
        return r;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] scaled(double[] v, double a) {
        double[] result = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            result[i] = a * v[i];
        }
        return result;
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double e : v) {
            max = Math.max(max, Math.abs(e));
        }
        return max;
    }

    private static double sumAbs(double[] v) {
        double sum = 0;
        for (double e : v) {
            sum += Math.abs(e);
        }
        return sum;
    }
}
