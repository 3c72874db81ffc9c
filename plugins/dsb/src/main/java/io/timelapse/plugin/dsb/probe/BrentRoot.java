package io.timelapse.plugin.dsb.probe;

import java.util.function.DoubleUnaryOperator;

/** Brent's bracketing root finder (as scipy's {@code brentq}): inverse quadratic interpolation, secant and bisection. */
final class BrentRoot {

    private static final int MAX_ITERATIONS = 200;

    private BrentRoot() {}

    /** A root of {@code f} in {@code [a, b]}, where {@code f(a)} and {@code f(b)} differ in sign, to {@code tolerance}. */
    static double solve(DoubleUnaryOperator f, double a, double b, double tolerance) {
        double fa = f.applyAsDouble(a);
        double fb = f.applyAsDouble(b);
        if (fa == 0) {
            return a;
        }
        if (fb == 0) {
            return b;
        }
        if (Math.signum(fa) == Math.signum(fb)) {
            throw new IllegalArgumentException("[" + a + ", " + b + "] does not bracket a root");
        }
        double c = a;
        double fc = fa;
        double d = b - a;
        double e = d;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            if (Math.signum(fb) == Math.signum(fc)) {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tol = 2 * Math.ulp(1.0) * Math.abs(b) + 0.5 * tolerance;
            double m = 0.5 * (c - b);
            if (Math.abs(m) <= tol || fb == 0) {
                return b;
            }
            if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
                double s = fb / fa;
                double p;
                double q;
                if (a == c) {
                    p = 2 * m * s;
                    q = 1 - s;
                } else {
                    double r = fb / fc;
                    q = fa / fc;
                    p = s * (2 * m * q * (q - r) - (b - a) * (r - 1));
                    q = (q - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
                    e = d;
                    d = p / q;
                } else {
                    d = m;
                    e = m;
                }
            } else {
                d = m;
                e = m;
            }
            a = b;
            fa = fb;
            b += Math.abs(d) > tol ? d : Math.copySign(tol, m);
            fb = f.applyAsDouble(b);
        }
        return b;
    }
}
