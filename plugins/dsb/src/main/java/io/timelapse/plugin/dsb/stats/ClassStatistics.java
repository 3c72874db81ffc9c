package io.timelapse.plugin.dsb.stats;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The first two moments of one class: its mean and symmetrised scatter {@code sum (x-mu)(x-mu)^T} over
 * {@code n} samples, in float64.
 */
public record ClassStatistics(double[] mean, DMatrixRMaj scatter, int n) {

    /** Fits the statistics of the rows of {@code samples} (n × d, row-major, one sample a row). */
    public static ClassStatistics fit(double[][] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("the class has no samples");
        }
        int d = samples[0].length;
        double[] mean = new double[d];
        for (double[] x : samples) {
            for (int i = 0; i < d; i++) {
                mean[i] += x[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= samples.length;
        }
        DMatrixRMaj scatter = new DMatrixRMaj(d, d);
        double[] s = scatter.data;
        double[] c = new double[d];
        for (double[] x : samples) {
            for (int i = 0; i < d; i++) {
                c[i] = x[i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                double ci = c[i];
                int row = i * d;
                for (int j = i; j < d; j++) {
                    s[row + j] += ci * c[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                s[i * d + j] = s[j * d + i];
            }
        }
        return new ClassStatistics(mean, scatter, samples.length);
    }

    /**
     * The same statistics with the scatter's matrix product {@code (X − μ)ᵀ(X − μ)} on the compute service, in
     * float64: one GEMM instead of n rank-one updates, many times faster for thousands of samples. Centring first
     * keeps it as accurate as the two-pass host fit; the result is symmetrised from its upper triangle.
     */
    public static ClassStatistics fit(ComputeService compute, double[][] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("the class has no samples");
        }
        int n = samples.length;
        int d = samples[0].length;
        try (Graph graph = compute.newGraph(0); Session session = graph.newSession()) {
            Ops ops = graph.ops();
            Tensor x = ops.placeholder("samples", DType.F64, Shape.of(n, d));
            Tensor mean = ops.mean(x, true, 0);
            Tensor scatter = GraphMoments.covariance(ops, x, mean, 1);
            try (Outputs out = session.run(Map.of(x, GraphMoments.host(samples)), List.of(mean, scatter))) {
                DMatrixRMaj s = DMatrixRMaj.wrap(d, d, out.get(1).toDoubles());
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < i; j++) {
                        s.data[i * d + j] = s.data[j * d + i];
                    }
                }
                return new ClassStatistics(out.get(0).toDoubles(), s, n);
            }
        }
    }

    /**
     * The same statistics for samples that are integers over a common {@code scale} (pixels {@code u / 255}, or
     * average-pooled by f: {@code u / (255 f²)}), fitted exactly and fast: the integers, centred on their rounded
     * column means, have a scatter {@code Σ v vᵀ} that float32 GEMMs compute exactly over the chunks of
     * {@link IntegerScatter}, summed in float64; the scatter is {@code (Σ v vᵀ − s sᵀ / n) / scale²} with {@code s}
     * the exact column sums of {@code v}. Samples that are not such integers take the float64 path.
     */
    public static ClassStatistics fit(ComputeService compute, double[][] samples, double scale) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("the class has no samples");
        }
        int n = samples.length;
        int d = samples[0].length;
        int[] u = new int[n * d];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                double value = samples[r][i] * scale;
                long rounded = Math.round(value);
                if (Math.abs(value - rounded) > 1e-6 * Math.max(1, scale) || Math.abs(rounded) >= IntegerScatter.EXACT_FLOAT) {
                    return fit(compute, samples);
                }
                u[r * d + i] = (int) rounded;
            }
        }
        return fit(compute, u, n, d, scale);
    }

    /**
     * The statistics of {@code n} samples of {@code d} values {@code integers[r·d + i] / scale} (row-major), by the
     * exact float32 path above, or in float64 when a centred value is too large for it.
     */
    public static ClassStatistics fit(ComputeService compute, int[] integers, int n, int d, double scale) {
        if (n == 0) {
            throw new IllegalArgumentException("the class has no samples");
        }
        IntegerScatter chunks = IntegerScatter.of(integers, n, d);
        if (chunks == null) {
            double[][] samples = new double[n][d];
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < d; i++) {
                    samples[r][i] = integers[r * d + i] / scale;
                }
            }
            return fit(compute, samples);
        }
        double[] vv = upperProducts(compute, chunks);
        long[] s = chunks.centredSums();
        DMatrixRMaj scatter = new DMatrixRMaj(d, d);
        double[] mean = new double[d];
        double scale2 = scale * scale;
        for (int i = 0; i < d; i++) {
            mean[i] = (double) (chunks.offsets()[i] * n + s[i]) / n / scale;
            for (int j = i; j < d; j++) {
                double v = (vv[i * d + j] - (double) s[i] * s[j] / n) / scale2;
                scatter.data[i * d + j] = v;
                scatter.data[j * d + i] = v;
            }
        }
        return new ClassStatistics(mean, scatter, n);
    }

    /**
     * {@code Σ vᵀv} over the chunks, {@code d × d} row-major, on and above the diagonal only: the columns are split in
     * halves and only the left half's products with both halves and the right half's with itself are formed, which
     * skips the lower-left quarter that a full product would compute a second time.
     */
    private static double[] upperProducts(ComputeService compute, IntegerScatter chunks) {
        int d = chunks.d();
        int h = d / 2;
        int w = d - h;
        long c = chunks.chunks();
        long rows = chunks.chunkRows();
        try (Graph graph = compute.newGraph(0); Session session = graph.newSession()) {
            Ops ops = graph.ops();
            Tensor x = ops.placeholder("integers", DType.F32, Shape.of(c, rows, d));
            Tensor left = ops.slice(x, new long[] {0, 0, 0}, new long[] {c, rows, h});
            Tensor right = ops.slice(x, new long[] {0, 0, h}, new long[] {c, rows, w});
            List<Tensor> blocks = List.of(chunkSum(ops, left, left), chunkSum(ops, left, right), chunkSum(ops, right, right));
            try (Outputs out = session.run(Map.of(x, HostTensor.of(chunks.centred(), c, rows, d)), blocks)) {
                double[] leftLeft = out.get(0).toDoubles();
                double[] leftRight = out.get(1).toDoubles();
                double[] rightRight = out.get(2).toDoubles();
                double[] vv = new double[d * d];
                for (int i = 0; i < h; i++) {
                    System.arraycopy(leftLeft, i * h + i, vv, i * d + i, h - i);
                    System.arraycopy(leftRight, i * w, vv, i * d + h, w);
                }
                for (int i = h; i < d; i++) {
                    System.arraycopy(rightRight, (i - h) * w + (i - h), vv, i * d + i, d - i);
                }
                return vv;
            }
        }
    }

    /** {@code Σ_chunks aᵀb} in float64 (each chunk's float32 product being exact). */
    private static Tensor chunkSum(Ops ops, Tensor a, Tensor b) {
        return ops.sum(ops.cast(ops.matmul(a, b, true, false), DType.F64), false, 0);
    }

    /** The maximum-likelihood covariance {@code S_n = scatter / n}. */
    public DMatrixRMaj covarianceMle() {
        DMatrixRMaj cov = scatter.copy();
        for (int i = 0; i < cov.data.length; i++) {
            cov.data[i] /= n;
        }
        return cov;
    }

    /** The covariance with concept-erasure's optimal linear shrinkage, as the paper uses it. */
    public DMatrixRMaj shrunkCovariance() {
        return LinearShrinkage.of(covarianceMle(), n).apply();
    }
}
