package io.timelapse.plugin.dsb.probe;

/**
 * The line search of {@code torch.optim.LBFGS(line_search_fn="strong_wolfe")}: steps are grown by cubic
 * extrapolation until they bracket a point satisfying the strong Wolfe conditions (sufficient decrease with
 * {@code c1 = 1e-4}, curvature {@code |g·d| <= c2 |g0·d|} with {@code c2 = 0.9}), then the bracket is zoomed by
 * safeguarded cubic interpolation; at most 25 evaluations.
 */
final class StrongWolfeSearch {

    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    static final int MAX_EVALUATIONS = 25;

    /** The accepted step {@code t}, the value and gradient there, and the evaluations it took. */
    record Step(double t, double value, double[] gradient, int evaluations) {}

    private final DifferentiableFunction f;
    private final double[] x;
    private final double[] direction;
    private final double tolerance;
    private final double[] trial;

    /**
     * @param x the start point, not changed
     * @param tolerance the bracket width (times the direction's largest component) below which zooming stops
     */
    StrongWolfeSearch(DifferentiableFunction f, double[] x, double[] direction, double tolerance) {
        this.f = f;
        this.x = x;
        this.direction = direction;
        this.tolerance = tolerance;
        this.trial = new double[x.length];
    }

    /** Searches from step {@code t}, given the value {@code f0}, gradient {@code g0} and slope {@code gtd0 < 0} at {@code x}. */
    Step search(double t, double f0, double[] g0, double gtd0) {
        double[] g = new double[x.length];
        double value = at(t, g);
        int evaluations = 1;
        double slope = Lbfgs.dot(g, direction);

        double tPrev = 0;
        double fPrev = f0;
        double[] gPrev = g0.clone();
        double slopePrev = gtd0;
        Bracket bracket = null;
        while (evaluations <= MAX_EVALUATIONS) {
            if (value > f0 + C1 * t * gtd0 || (evaluations > 2 && value >= fPrev)) {
                bracket = new Bracket(tPrev, fPrev, gPrev, slopePrev, t, value, g, slope);
                break;
            }
            if (Math.abs(slope) <= -C2 * gtd0) {
                return new Step(t, value, g, evaluations);
            }
            if (slope >= 0) {
                bracket = new Bracket(tPrev, fPrev, gPrev, slopePrev, t, value, g, slope);
                break;
            }
            double next = cubicMinimum(tPrev, fPrev, slopePrev, t, value, slope, t + 0.01 * (t - tPrev), 10 * t);
            tPrev = t;
            fPrev = value;
            gPrev = g;
            slopePrev = slope;
            t = next;
            g = new double[x.length];
            value = at(t, g);
            evaluations++;
            slope = Lbfgs.dot(g, direction);
        }
        if (bracket == null) {
            // Out of evaluations while still extrapolating: take the better of the start and the last trial.
            return value < f0 ? new Step(t, value, g, evaluations) : new Step(0, f0, g0.clone(), evaluations);
        }
        return zoom(bracket, f0, gtd0, evaluations);
    }

    private Step zoom(Bracket b, double f0, double gtd0, int evaluations) {
        double maxComponent = 0;
        for (double v : direction) {
            maxComponent = Math.max(maxComponent, Math.abs(v));
        }
        boolean insufficientProgress = false;
        while (evaluations <= MAX_EVALUATIONS) {
            if (Math.abs(b.t[1] - b.t[0]) * maxComponent < tolerance) {
                break;
            }
            double t = cubicMinimum(b.t[0], b.f[0], b.slope[0], b.t[1], b.f[1], b.slope[1],
                    Math.min(b.t[0], b.t[1]), Math.max(b.t[0], b.t[1]));
            double hi = Math.max(b.t[0], b.t[1]);
            double lo = Math.min(b.t[0], b.t[1]);
            double margin = 0.1 * (hi - lo);
            // Keep trials off the bracket's ends, as torch does, so the bracket keeps shrinking.
            if (Math.min(hi - t, t - lo) < margin) {
                if (insufficientProgress || t >= hi || t <= lo) {
                    t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - margin : lo + margin;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            double[] g = new double[x.length];
            double value = at(t, g);
            evaluations++;
            double slope = Lbfgs.dot(g, direction);
            if (value > f0 + C1 * t * gtd0 || value >= b.f[b.low]) {
                b.set(b.high(), t, value, g, slope);
                b.order();
            } else {
                if (Math.abs(slope) <= -C2 * gtd0) {
                    b.set(b.low, t, value, g, slope);
                    break;
                }
                if (slope * (b.t[b.high()] - b.t[b.low]) >= 0) {
                    b.set(b.high(), b.t[b.low], b.f[b.low], b.g[b.low], b.slope[b.low]);
                }
                b.set(b.low, t, value, g, slope);
            }
        }
        return new Step(b.t[b.low], b.f[b.low], b.g[b.low], evaluations);
    }

    private double at(double t, double[] gradient) {
        for (int i = 0; i < x.length; i++) {
            trial[i] = x[i] + t * direction[i];
        }
        return f.evaluate(trial, gradient);
    }

    /**
     * The minimiser of the cubic through {@code (x1, f1)} and {@code (x2, f2)} with slopes {@code g1}, {@code g2},
     * clamped to {@code [lo, hi]}; the midpoint of {@code [lo, hi]} when the cubic has no minimum.
     */
    static double cubicMinimum(double x1, double f1, double g1, double x2, double f2, double g2, double lo, double hi) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double discriminant = d1 * d1 - g1 * g2;
        if (discriminant < 0) {
            return (lo + hi) / 2;
        }
        double d2 = Math.sqrt(discriminant);
        double minimum = x1 <= x2
                ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
        return Math.min(Math.max(minimum, lo), hi);
    }

    /** Two trial steps enclosing an acceptable one; {@code low} indexes the one with the lower value. */
    private static final class Bracket {
        final double[] t = new double[2];
        final double[] f = new double[2];
        final double[][] g = new double[2][];
        final double[] slope = new double[2];
        int low;

        Bracket(double t0, double f0, double[] g0, double s0, double t1, double f1, double[] g1, double s1) {
            set(0, t0, f0, g0, s0);
            set(1, t1, f1, g1, s1);
            order();
        }

        int high() {
            return 1 - low;
        }

        void set(int i, double ti, double fi, double[] gi, double si) {
            t[i] = ti;
            f[i] = fi;
            g[i] = gi;
            slope[i] = si;
        }

        void order() {
            low = f[0] <= f[1] ? 0 : 1;
        }
    }
}
