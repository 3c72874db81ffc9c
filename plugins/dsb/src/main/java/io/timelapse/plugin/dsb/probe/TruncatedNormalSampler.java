package io.timelapse.plugin.dsb.probe;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.dsb.stats.ClassStatistics;
import io.timelapse.plugin.dsb.stats.GraphMoments;
import io.timelapse.plugin.dsb.stats.SymmetricRoots;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The paper's hypercube-constrained second-order maximum-entropy sampler (the {@code truncated_normal} set). For one
 * class with mean μ and unshrunk Bessel covariance Σ:
 * <ol>
 *   <li>start from Gaussian samples {@code z Σ^{1/2} + μ} (symmetric eigen square root, so a singular Σ is fine),
 *       clamped to {@code [eps, 1 - eps]} with eps = float32's machine epsilon, as the paper's float32 tensors have;</li>
 *   <li>reparametrise {@code x = sigmoid(θ)}, so every sample stays inside (0, 1);</li>
 *   <li>minimise {@code ‖mean(x) − μ‖ + ‖cov(x) − Σ‖_F − 1e-3 · KoLeo(x)} over θ with {@link Lbfgs} (100 iterations
 *       by default), where cov is the Bessel covariance of the samples and KoLeo the Kozachenko–Leonenko entropy
 *       term, the mean log distance of each sample to its nearest neighbour.</li>
 * </ol>
 * The loss and its gradient are computed on the compute service in float64: the nearest-neighbour distances come
 * from {@code |a|² + |b|² − 2a·b}, which loses about three digits to cancellation in 784-d, and the line search
 * compares loss values whose changes near the end are below float32's resolution. L-BFGS itself runs on the host.
 *
 * <p>Deviation from the paper: it optimises as many samples as the class has (6,000 for Fashion-MNIST); here the
 * count is the caller's, because KoLeo costs O(n²d) per evaluation. With fewer samples than dimensions plus one,
 * the samples' covariance has rank at most n − 1 and the optimum is the closest such matrix, not Σ itself.
 */
public final class TruncatedNormalSampler {

    public static final int ITERATIONS = 100;
    public static final double KOLEO_WEIGHT = 1e-3;
    /** float32's machine epsilon, the clamp of the paper's float32 tensors (a float64 one would saturate the logit). */
    static final double EPS = Math.ulp(1.0f);
    private static final double SELF_DISTANCE = Double.MAX_VALUE;
    private static final double MIN_SQUARED_DISTANCE = 1e-300;

    private final ComputeService compute;
    private final int iterations;

    public TruncatedNormalSampler(ComputeService compute) {
        this(compute, ITERATIONS);
    }

    public TruncatedNormalSampler(ComputeService compute, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("the truncated-normal sampler needs at least one L-BFGS iteration, got " + iterations);
        }
        this.compute = compute;
        this.iterations = iterations;
    }

    /** {@code count} samples in (0, 1)^d for the class whose train-split statistics are {@code statistics}. */
    public double[][] sample(ClassStatistics statistics, int count, long seed) {
        DMatrixRMaj covariance = besselCovariance(statistics);
        double[][] start = initialSamples(statistics.mean(), covariance, count, seed);
        int d = statistics.mean().length;
        double[] theta = new double[count * d];
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < d; i++) {
                double x = start[r][i];
                theta[r * d + i] = Math.log(x / (1 - x));
            }
        }
        try (Graph graph = compute.newGraph(seed); Session session = graph.newSession()) {
            Ops ops = graph.ops();
            Tensor input = ops.placeholder("theta", DType.F64, Shape.of(count, d));
            Tensor loss = loss(ops, input, statistics.mean(), covariance, count);
            Tensor gradient = graph.gradients(loss, List.of(input)).get(0);
            DifferentiableFunction f = (x, g) -> {
                try (Outputs out = session.run(Map.of(input, HostTensor.of(x, count, d)), List.of(loss, gradient))) {
                    double[] values = out.get(1).toDoubles();
                    System.arraycopy(values, 0, g, 0, g.length);
                    return out.get(0).scalarValue();
                }
            };
            double[] optimum = new Lbfgs(iterations).minimize(f, theta).x();
            for (int k = 0; k < optimum.length; k++) {
                optimum[k] = 1 / (1 + Math.exp(-optimum[k]));
            }
            return GraphMoments.rows(optimum, count, d);
        }
    }

    /** The unshrunk covariance with Bessel's correction, {@code scatter / (n − 1)}, that the sampler matches. */
    public static DMatrixRMaj besselCovariance(ClassStatistics statistics) {
        if (statistics.n() < 2) {
            throw new IllegalArgumentException("the truncated-normal sampler needs a class of at least 2 samples, got " + statistics.n());
        }
        DMatrixRMaj covariance = statistics.scatter().copy();
        CommonOps_DDRM.scale(1.0 / (statistics.n() - 1), covariance);
        return covariance;
    }

    /** The starting point: {@code z Σ^{1/2} + μ} for standard-normal z from {@code java.util.Random(seed)}, clamped. */
    public static double[][] initialSamples(double[] mean, DMatrixRMaj covariance, int count, long seed) {
        if (count < 2) {
            throw new IllegalArgumentException("the truncated-normal sampler needs at least 2 samples per class (KoLeo needs a neighbour), got " + count);
        }
        int d = mean.length;
        Random random = new Random(seed);
        DMatrixRMaj z = new DMatrixRMaj(count, d);
        for (int k = 0; k < z.data.length; k++) {
            z.data[k] = random.nextGaussian();
        }
        DMatrixRMaj x = new DMatrixRMaj(count, d);
        CommonOps_DDRM.mult(z, SymmetricRoots.of(covariance).sqrt(), x);
        double[][] rows = new double[count][d];
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < d; i++) {
                rows[r][i] = Math.min(Math.max(x.get(r, i) + mean[i], EPS), 1 - EPS);
            }
        }
        return rows;
    }

    private static Tensor loss(Ops ops, Tensor theta, double[] targetMean, DMatrixRMaj targetCovariance, int count) {
        int d = targetMean.length;
        Tensor x = ops.sigmoid(theta);
        Tensor mean = ops.mean(x, false, 0);
        Tensor meanTerm = ops.norm(ops.sub(mean, ops.constant(HostTensor.of(targetMean.clone(), d))), false);
        Tensor covariance = GraphMoments.covariance(ops, x, mean, count - 1);
        Tensor target = ops.constant(HostTensor.of(targetCovariance.data.clone(), d, d));
        Tensor covarianceTerm = ops.norm(ops.sub(covariance, target), false);
        return ops.sub(ops.add(meanTerm, covarianceTerm), ops.mul(ops.scalar(KOLEO_WEIGHT, DType.F64), koleo(ops, x, count)));
    }

    /** The mean log distance from each row to its nearest other row, as ½ log of the squared distance. */
    private static Tensor koleo(Ops ops, Tensor x, int count) {
        Tensor norms = ops.sum(ops.square(x), true, 1);
        Tensor gram = ops.matmul(x, x, false, true);
        Tensor squared = ops.sub(ops.add(norms, ops.transpose(norms, 1, 0)), ops.mul(ops.scalar(2, DType.F64), gram));
        boolean[] diagonal = new boolean[count * count];
        for (int r = 0; r < count; r++) {
            diagonal[r * count + r] = true;
        }
        Tensor others = ops.where(ops.constant(HostTensor.of(diagonal, count, count)), ops.scalar(SELF_DISTANCE, DType.F64), squared);
        Tensor nearest = ops.maximum(ops.min(others, false, 1), ops.scalar(MIN_SQUARED_DISTANCE, DType.F64));
        return ops.mul(ops.scalar(0.5, DType.F64), ops.mean(ops.log(nearest), false));
    }
}
