package io.timelapse.testkit.compute;

import static io.timelapse.testkit.compute.GradientChecker.awayFromZero;
import static io.timelapse.testkit.compute.GradientChecker.uniform;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Ops.Padding;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every differentiable operation of the graph API against central finite differences in float64. */
abstract class GradientCases {

    private final GradientChecker checker;
    private final Random random = new Random(20240611);
    private final List<DynamicTest> cases = new ArrayList<>();

    GradientCases(ComputeService compute) {
        this.checker = new GradientChecker(compute);
    }

    private void check(String name, List<HostTensor> inputs, BiFunction<Ops, List<Tensor>, Tensor> function) {
        cases.add(DynamicTest.dynamicTest(name, () -> checker.check(name, inputs, function)));
    }

    private void unary(String name, HostTensor input, BiFunction<Ops, Tensor, Tensor> function) {
        check(name, List.of(input), (ops, x) -> function.apply(ops, x.get(0)));
    }

    private void binary(String name, HostTensor a, HostTensor b, Function<Ops, BiFunction<Tensor, Tensor, Tensor>> function) {
        check(name, List.of(a, b), (ops, x) -> function.apply(ops).apply(x.get(0), x.get(1)));
    }

    private HostTensor u(double min, double max, long... shape) {
        return uniform(random, min, max, shape);
    }

    private HostTensor away(double min, double max, long... shape) {
        return awayFromZero(random, min, max, shape);
    }

    private static Tensor constant(Ops ops, double[] values, long... shape) {
        return ops.constant(HostTensor.fromDoubles(DType.F64, Shape.of(shape), values));
    }

    private Stream<DynamicTest> cases() {
        return cases.stream();
    }

    @TestFactory
    Stream<DynamicTest> elementWise() {
        binary("add", u(-2, 2, 2, 3), u(-2, 2, 2, 3), ops -> ops::add);
        binary("add broadcast [2,3]+[3]", u(-2, 2, 2, 3), u(-2, 2, 3), ops -> ops::add);
        binary("sub broadcast [2,1,3]-[4,1]", u(-2, 2, 2, 1, 3), u(-2, 2, 4, 1), ops -> ops::sub);
        binary("mul broadcast [2,3]*[2,1]", u(-2, 2, 2, 3), u(-2, 2, 2, 1), ops -> ops::mul);
        binary("div", u(-2, 2, 2, 3), away(0.5, 2, 2, 3), ops -> ops::div);
        binary("div broadcast scalar", u(-2, 2, 2, 3), away(0.5, 2), ops -> (a, b) -> ops.div(a, ops.reshape(b)));
        binary("pow", u(0.5, 2, 2, 3), u(-1.5, 1.5, 2, 3), ops -> ops::pow);
        unary("neg", u(-2, 2, 2, 3), Ops::neg);
        unary("abs", away(0.2, 2, 2, 3), Ops::abs);
        unary("sign (zero gradient)", away(0.2, 2, 2, 3), Ops::sign);
        unary("exp", u(-2, 2, 2, 3), Ops::exp);
        unary("log", u(0.5, 3, 2, 3), Ops::log);
        unary("log1p", u(-0.5, 2, 2, 3), Ops::log1p);
        unary("sqrt", u(0.5, 3, 2, 3), Ops::sqrt);
        unary("rsqrt", u(0.5, 3, 2, 3), Ops::rsqrt);
        unary("square", u(-2, 2, 2, 3), Ops::square);
        unary("tanh", u(-2, 2, 2, 3), Ops::tanh);
        unary("sigmoid", u(-3, 3, 2, 3), Ops::sigmoid);
        unary("softplus", u(-3, 3, 2, 3), Ops::softplus);
        unary("relu", away(0.2, 2, 2, 3), Ops::relu);
        unary("gelu (exact)", u(-3, 3, 2, 4), Ops::gelu);
        unary("erf", u(-2, 2, 2, 3), Ops::erf);
        unary("sin", u(-3, 3, 2, 3), Ops::sin);
        unary("cos", u(-3, 3, 2, 3), Ops::cos);
        binary("atan2", u(-2, 2, 2, 3), away(0.3, 2, 2, 3), ops -> ops::atan2);
        HostTensor a = u(-2, 2, 2, 3);
        double[] offsets = away(0.2, 1, 2, 3).toDoubles();
        double[] bValues = a.toDoubles();
        for (int i = 0; i < bValues.length; i++) {
            bValues[i] += offsets[i];
        }
        HostTensor b = HostTensor.fromDoubles(DType.F64, Shape.of(2, 3), bValues);
        binary("minimum", a, b, ops -> ops::minimum);
        binary("maximum", a, b, ops -> ops::maximum);
        unary("clip", HostTensor.of(new double[] {-2.5, -1.2, -0.3, 0.4, 1.3, 2.2}, 2, 3), (ops, x) -> ops.clip(x, -1, 1));
        boolean[] condition = {true, false, true, false, false, true};
        binary("where", u(-2, 2, 2, 3), u(-2, 2, 2, 3),
                ops -> (x, y) -> ops.where(ops.constant(HostTensor.of(condition, 2, 3)), x, y));
        binary("where broadcast", u(-2, 2, 2, 3), u(-2, 2, 3),
                ops -> (x, y) -> ops.where(ops.constant(HostTensor.of(new boolean[] {true, false}, 2, 1)), x, y));
        return cases();
    }

    @TestFactory
    Stream<DynamicTest> reductions() {
        int[][] axes = {{}, {1}, {-1}, {0, 2}, {-3, -2}};
        for (int[] axis : axes) {
            for (boolean keep : new boolean[] {false, true}) {
                String suffix = " axes " + java.util.Arrays.toString(axis) + (keep ? " keepDims" : "");
                unary("sum" + suffix, u(-2, 2, 2, 3, 4), (ops, x) -> ops.sum(x, keep, axis));
                unary("mean" + suffix, u(-2, 2, 2, 3, 4), (ops, x) -> ops.mean(x, keep, axis));
                unary("max" + suffix, u(-2, 2, 2, 3, 4), (ops, x) -> ops.max(x, keep, axis));
                unary("min" + suffix, u(-2, 2, 2, 3, 4), (ops, x) -> ops.min(x, keep, axis));
                unary("logSumExp" + suffix, u(-2, 2, 2, 3, 4), (ops, x) -> ops.logSumExp(x, keep, axis));
                unary("variance" + suffix, u(-2, 2, 2, 3, 4), (ops, x) -> ops.variance(x, keep, axis));
                unary("norm" + suffix, u(-2, 2, 2, 3, 4), (ops, x) -> ops.norm(x, keep, axis));
            }
        }
        return cases();
    }

    @TestFactory
    Stream<DynamicTest> matrices() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                long[] aShape = ta ? new long[] {4, 3} : new long[] {3, 4};
                long[] bShape = tb ? new long[] {2, 4} : new long[] {4, 2};
                binary("matmul 2-D" + (ta ? " Aᵀ" : "") + (tb ? " Bᵀ" : ""), u(-1, 1, aShape), u(-1, 1, bShape),
                        ops -> (x, y) -> ops.matmul(x, y, ta, tb));
                long[] batchedA = ta ? new long[] {2, 4, 3} : new long[] {2, 3, 4};
                binary("matmul batched" + (ta ? " Aᵀ" : "") + (tb ? " Bᵀ" : ""), u(-1, 1, batchedA), u(-1, 1, bShape),
                        ops -> (x, y) -> ops.matmul(x, y, ta, tb));
            }
        }
        binary("matmul broadcast [2,1,3,4]@[3,4,2]", u(-1, 1, 2, 1, 3, 4), u(-1, 1, 3, 4, 2), ops -> (x, y) -> ops.matmul(x, y, false, false));
        binary("einsum bhqd,bhkd->bhqk", u(-1, 1, 2, 2, 3, 4), u(-1, 1, 2, 2, 5, 4), ops -> (x, y) -> ops.einsum("bhqd,bhkd->bhqk", x, y));
        binary("einsum bqk,bkd->bqd", u(-1, 1, 2, 3, 4), u(-1, 1, 2, 4, 2), ops -> (x, y) -> ops.einsum("bqk,bkd->bqd", x, y));
        binary("einsum ij,j->i", u(-1, 1, 3, 4), u(-1, 1, 4), ops -> (x, y) -> ops.einsum("ij,j->i", x, y));
        binary("einsum ...ij,jk->...ik", u(-1, 1, 2, 3, 4), u(-1, 1, 4, 2), ops -> (x, y) -> ops.einsum("...ij,jk->...ik", x, y));
        unary("einsum ijk->ki", u(-1, 1, 2, 3, 4), (ops, x) -> ops.einsum("ijk->ki", x));
        return cases();
    }

    @TestFactory
    Stream<DynamicTest> shapesAndIndexing() {
        unary("reshape", u(-1, 1, 2, 3, 4), (ops, x) -> ops.reshape(x, 4, -1));
        unary("transpose", u(-1, 1, 2, 3, 4), (ops, x) -> ops.transpose(x, 2, 0, 1));
        unary("expandDims", u(-1, 1, 2, 3), (ops, x) -> ops.expandDims(x, -1));
        unary("squeeze all", u(-1, 1, 2, 1, 3, 1), (ops, x) -> ops.squeeze(x));
        unary("squeeze axis", u(-1, 1, 2, 1, 3, 1), (ops, x) -> ops.squeeze(x, -1));
        unary("broadcastTo", u(-1, 1, 3, 1), (ops, x) -> ops.broadcastTo(x, 2, 3, 4));
        binary("concat axis 1", u(-1, 1, 2, 3), u(-1, 1, 2, 2), ops -> (x, y) -> ops.concat(1, List.of(x, y)));
        binary("concat axis -1", u(-1, 1, 2, 2, 1), u(-1, 1, 2, 2, 3), ops -> (x, y) -> ops.concat(-1, List.of(x, y)));
        binary("stack axis 0", u(-1, 1, 2, 3), u(-1, 1, 2, 3), ops -> (x, y) -> ops.stack(0, List.of(x, y)));
        binary("stack axis -1", u(-1, 1, 2, 3), u(-1, 1, 2, 3), ops -> (x, y) -> ops.stack(-1, List.of(x, y)));
        unary("split, second part", u(-1, 1, 2, 5), (ops, x) -> ops.split(x, 1, 2, 3).get(1));
        unary("split, both parts", u(-1, 1, 4, 3), (ops, x) -> {
            List<Tensor> parts = ops.split(x, 0, 1, 3);
            return ops.mul(parts.get(0), ops.sum(parts.get(1), false, 0));
        });
        unary("slice", u(-1, 1, 3, 4), (ops, x) -> ops.slice(x, new long[] {1, 1}, new long[] {-1, 2}));
        unary("stridedSlice reversed", u(-1, 1, 3, 4), (ops, x) -> ops.stridedSlice(x, new long[] {0, -1}, new long[] {3, 0},
                new long[] {2, -1}, 0, 2, 0));
        unary("stridedSlice shrink", u(-1, 1, 3, 4), (ops, x) -> ops.stridedSlice(x, new long[] {1, 0}, new long[] {2, 4},
                new long[] {1, 2}, 0, 0, 1));
        unary("pad", u(-1, 1, 2, 3), (ops, x) -> ops.pad(x, new long[][] {{1, 0}, {2, 1}}, 0.5));
        unary("tile", u(-1, 1, 2, 3), (ops, x) -> ops.tile(x, 2, 1));
        unary("gather axis 0 with repeats", u(-1, 1, 4, 3),
                (ops, x) -> ops.gather(x, ops.constant(HostTensor.of(new int[] {3, 0, 3, 1}, 4)), 0));
        unary("gather axis 1, 2-D indices", u(-1, 1, 2, 4),
                (ops, x) -> ops.gather(x, ops.constant(HostTensor.of(new long[] {1, 1, 3, 0}, 2, 2)), 1));
        unary("gatherNd", u(-1, 1, 3, 4),
                (ops, x) -> ops.gatherNd(x, ops.constant(HostTensor.of(new int[] {0, 1, 2, 3, 0, 1}, 3, 2))));
        unary("scatterAdd with duplicates", u(-1, 1, 4, 2),
                (ops, x) -> ops.scatterAdd(ops.constant(HostTensor.of(new int[] {1, 0, 1, 4}, 4, 1)), x, 5, 2));
        for (boolean exclusive : new boolean[] {false, true}) {
            for (boolean reverse : new boolean[] {false, true}) {
                unary("cumsum" + (exclusive ? " exclusive" : "") + (reverse ? " reverse" : ""), u(-1, 1, 2, 4),
                        (ops, x) -> ops.cumsum(x, -1, exclusive, reverse));
            }
        }
        unary("topK values", u(-1, 1, 2, 3, 5), (ops, x) -> ops.topK(x, 2).values());
        unary("identity", u(-1, 1, 2, 3), (ops, x) -> ops.identity(x, "named"));
        return cases();
    }

    @TestFactory
    Stream<DynamicTest> neuralNetworkOps() {
        unary("softmax last axis", u(-2, 2, 2, 3, 4), (ops, x) -> ops.softmax(x, -1));
        unary("softmax axis 1", u(-2, 2, 2, 3, 4), (ops, x) -> ops.softmax(x, 1));
        unary("logSoftmax last axis", u(-2, 2, 2, 3, 4), (ops, x) -> ops.logSoftmax(x, 2));
        unary("logSoftmax axis 0", u(-2, 2, 2, 3, 4), (ops, x) -> ops.logSoftmax(x, 0));
        boolean[] mask = {true, false, true, true, false, false, false, false, true, true, true, true};
        unary("maskedSoftmax with a fully masked row", u(-2, 2, 3, 4),
                (ops, x) -> ops.maskedSoftmax(x, ops.constant(HostTensor.of(mask, 3, 4)), -1));
        unary("maskedSoftmax broadcast mask, axis 0", u(-2, 2, 3, 4),
                (ops, x) -> ops.maskedSoftmax(x, ops.constant(HostTensor.of(new boolean[] {true, false, true}, 3, 1)), 0));
        check("layerNorm with gamma and beta", List.of(u(-2, 2, 2, 3, 4), u(0.5, 1.5, 4), u(-1, 1, 4)),
                (ops, x) -> ops.layerNorm(x.get(0), x.get(1), x.get(2), 1e-5, -1));
        unary("layerNorm over two axes", u(-2, 2, 2, 3, 4), (ops, x) -> ops.layerNorm(x, null, null, 1e-5, 1, 2));
        unary("sparseCrossEntropy", u(-2, 2, 2, 3, 5),
                (ops, x) -> ops.sparseCrossEntropy(x, ops.constant(HostTensor.of(new int[] {0, 4, 2, 1, 3, 3}, 2, 3))));
        HostTensor probabilities = HostTensor.of(new double[] {0.2, 0.3, 0.5, 0.1, 0.1, 0.8}, 2, 3);
        binary("crossEntropy", u(-2, 2, 2, 3), probabilities, ops -> ops::crossEntropy);
        binary("sigmoidCrossEntropy", away(0.1, 3, 2, 3), u(0, 1, 2, 3), ops -> ops::sigmoidCrossEntropy);
        binary("conv2d SAME", u(-1, 1, 2, 5, 5, 2), u(-1, 1, 3, 3, 2, 3),
                ops -> (x, f) -> ops.conv2d(x, f, new int[] {1, 1}, Padding.SAME, new int[] {1, 1}));
        binary("conv2d VALID stride 2", u(-1, 1, 1, 6, 5, 2), u(-1, 1, 2, 2, 2, 2),
                ops -> (x, f) -> ops.conv2d(x, f, new int[] {2, 2}, Padding.VALID, new int[] {1, 1}));
        binary("conv2d dilated", u(-1, 1, 1, 6, 6, 1), u(-1, 1, 2, 2, 1, 2),
                ops -> (x, f) -> ops.conv2d(x, f, new int[] {1, 1}, Padding.VALID, new int[] {2, 2}));
        binary("depthwiseConv2d", u(-1, 1, 1, 5, 5, 2), u(-1, 1, 3, 3, 2, 2),
                ops -> (x, f) -> ops.depthwiseConv2d(x, f, new int[] {1, 1}, Padding.SAME));
        binary("depthwiseConv2d stride 2", u(-1, 1, 1, 6, 6, 2), u(-1, 1, 2, 2, 2, 1),
                ops -> (x, f) -> ops.depthwiseConv2d(x, f, new int[] {2, 2}, Padding.VALID));
        unary("avgPool SAME", u(-1, 1, 1, 5, 5, 2), (ops, x) -> ops.avgPool(x, new int[] {2, 2}, new int[] {2, 2}, Padding.SAME));
        unary("avgPool VALID overlapping", u(-1, 1, 1, 4, 4, 1), (ops, x) -> ops.avgPool(x, new int[] {3, 3}, new int[] {1, 1}, Padding.VALID));
        unary("maxPool", u(-1, 1, 1, 4, 4, 2), (ops, x) -> ops.maxPool(x, new int[] {2, 2}, new int[] {2, 2}, Padding.VALID));
        unary("maxPool SAME overlapping", u(-1, 1, 1, 5, 5, 1), (ops, x) -> ops.maxPool(x, new int[] {3, 3}, new int[] {2, 2}, Padding.SAME));
        unary("dropout, fixed seed", u(-1, 1, 4, 5), (ops, x) -> ops.dropout(x, 0.4, ops.constant(HostTensor.scalar(17L))));
        return cases();
    }

    /** A well-conditioned symmetric positive-definite matrix B·Bᵀ + n·I. */
    private HostTensor spd(int n, long... batch) {
        int count = 1;
        for (long b : batch) {
            count *= (int) b;
        }
        double[] values = new double[count * n * n];
        for (int m = 0; m < count; m++) {
            double[] b = u(-1, 1, n, n).toDoubles();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = i == j ? n : 0;
                    for (int k = 0; k < n; k++) {
                        sum += b[i * n + k] * b[j * n + k];
                    }
                    values[m * n * n + i * n + j] = sum;
                }
            }
        }
        long[] shape = java.util.Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = n;
        shape[batch.length + 1] = n;
        return HostTensor.fromDoubles(DType.F64, Shape.of(shape), values);
    }

    /** X·Xᵀ + I, symmetric by construction. */
    private static Tensor gram(Ops ops, Tensor x, int n) {
        return ops.add(ops.matmul(x, x, false, true), ops.constant(identity(n)));
    }

    private static HostTensor identity(int n) {
        double[] values = new double[n * n];
        for (int i = 0; i < n; i++) {
            values[i * n + i] = 1;
        }
        return HostTensor.of(values, n, n);
    }

    /** V·diag(c)·Vᵀ: independent of the signs of eigen- or singular vectors. */
    private static Tensor signFree(Ops ops, Tensor left, Tensor right, double... weights) {
        Tensor scaled = ops.mul(left, constant(ops, weights, weights.length));
        return ops.matmul(scaled, right, false, true);
    }

    @TestFactory
    Stream<DynamicTest> linearAlgebra() {
        unary("cholesky of an SPD input (lower triangle read)", spd(3), (ops, x) -> ops.cholesky(x));
        unary("cholesky batched", spd(3, 2), (ops, x) -> ops.cholesky(x));
        unary("cholesky of X·Xᵀ + I", u(-1, 1, 3, 3), (ops, x) -> ops.cholesky(gram(ops, x, 3)));
        unary("eigh values (lower triangle read)", spd(4), (ops, x) -> ops.eigh(x).values());
        unary("eigh vectors (lower triangle read)", spd(4), (ops, x) -> signFree(ops, ops.eigh(x).vectors(), ops.eigh(x).vectors(), 1, -2, 0.5, 3));
        unary("eigh values and vectors of X·Xᵀ + I", u(-1, 1, 3, 3), (ops, x) -> {
            Ops.Eigh eigh = ops.eigh(gram(ops, x, 3));
            return ops.add(signFree(ops, eigh.vectors(), eigh.vectors(), 0.3, -1, 2), ops.expandDims(eigh.values(), 0));
        });
        unary("eigh batched", spd(3, 2), (ops, x) -> {
            Ops.Eigh eigh = ops.eigh(x);
            return ops.add(signFree(ops, eigh.vectors(), eigh.vectors(), 1, 2, -1), ops.expandDims(eigh.values(), -1));
        });
        for (boolean lower : new boolean[] {true, false}) {
            for (boolean adjoint : new boolean[] {false, true}) {
                String name = "triangularSolve" + (lower ? " lower" : " upper") + (adjoint ? " adjoint" : "");
                HostTensor a = spd(3);
                binary(name, a, u(-1, 1, 3, 2), ops -> (x, y) -> ops.triangularSolve(x, y, lower, adjoint));
            }
        }
        binary("triangularSolve batch broadcast", spd(3), u(-1, 1, 2, 3, 2), ops -> (x, y) -> ops.triangularSolve(x, y, true, false));
        unary("svd singular values, tall", u(-1, 1, 4, 3), (ops, x) -> ops.svd(x).s());
        unary("svd singular values, wide", u(-1, 1, 2, 4), (ops, x) -> ops.svd(x).s());
        unary("svd U·diag(c)·Vᵀ, tall", u(-1, 1, 4, 3), (ops, x) -> signFree(ops, ops.svd(x).u(), ops.svd(x).v(), 1, -0.5, 2));
        unary("svd U·diag(c)·Vᵀ, wide", u(-1, 1, 3, 5), (ops, x) -> signFree(ops, ops.svd(x).u(), ops.svd(x).v(), 0.7, 1.5, -1));
        unary("svd U·diag(c)·Uᵀ and V·diag(c)·Vᵀ, tall", u(-1, 1, 4, 3), (ops, x) -> {
            Ops.Svd svd = ops.svd(x);
            Tensor uu = ops.reshape(signFree(ops, svd.u(), svd.u(), 1, -0.5, 2), 1, -1);
            return ops.concat(1, List.of(uu, ops.reshape(signFree(ops, svd.v(), svd.v(), 0.3, 1, -2), 1, -1)));
        });
        unary("svd all outputs, wide batched", u(-1, 1, 2, 2, 3), (ops, x) -> {
            Ops.Svd svd = ops.svd(x);
            Tensor uu = ops.reshape(signFree(ops, svd.u(), svd.u(), 1, -2), 2, -1);
            Tensor vv = ops.reshape(signFree(ops, svd.v(), svd.v(), 0.5, 3), 2, -1);
            return ops.concat(1, List.of(uu, vv, svd.s()));
        });
        unary("inverse", spd(3), (ops, x) -> ops.inverse(x));
        unary("inverse of a non-symmetric batch", u(-1, 1, 2, 3, 3), (ops, x) -> ops.inverse(ops.add(x, ops.constant(identity(3)))));
        return cases();
    }
}
