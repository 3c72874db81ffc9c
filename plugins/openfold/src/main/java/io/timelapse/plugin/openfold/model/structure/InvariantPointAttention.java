package io.timelapse.plugin.openfold.model.structure;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.OpenFoldInit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * OpenFold's {@code InvariantPointAttention} (AF2 Alg. 22). Per head, the logits add three terms each
 * weighted by √(1/3): scalar q·k/√c ({@code linear_q}, {@code linear_kv}), a pair bias
 * ({@code linear_b}) and −½·w_h·Σ_p |T_i q_p − T_j k_p|² over query points placed in the global frame
 * ({@code linear_q_points}, {@code linear_kv_points}; w_h = softplus({@code head_weights})·√(2/(9P))).
 * The attended scalar values, value points mapped back into each residue's frame with their norms, and
 * attended pair features are concatenated into {@code linear_out}. Returns the update [*, N, c_s].
 */
public final class InvariantPointAttention extends Module {

    /** OpenFold's initial head weight, softplus⁻¹(1). */
    private static final double HEAD_WEIGHT_INIT = Math.log(Math.expm1(1));

    private final long cS;
    private final long cZ;
    private final long cHidden;
    private final long heads;
    private final long qkPoints;
    private final long vPoints;
    private final double inf;
    private final double eps;
    private final Variable headWeights;
    private final Linear linearQ;
    private final Linear linearKv;
    private final Linear linearQPoints;
    private final Linear linearKvPoints;
    private final Linear linearB;
    private final Linear linearOut;

    public InvariantPointAttention(Ops ops, long cS, long cZ, long cHidden, long heads, long qkPoints, long vPoints, double inf,
            double eps, DType dtype) {
        super(ops);
        this.cS = cS;
        this.cZ = cZ;
        this.cHidden = cHidden;
        this.heads = heads;
        this.qkPoints = qkPoints;
        this.vPoints = vPoints;
        this.inf = inf;
        this.eps = eps;
        this.headWeights = parameter("head_weights", dtype, Shape.of(heads), Initializer.constant(HEAD_WEIGHT_INIT));
        this.linearQ = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_q"), cS, heads * cHidden, true, dtype));
        this.linearKv = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_kv"), cS, 2 * heads * cHidden, true, dtype));
        this.linearQPoints = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_q_points").scope("linear"), cS, heads * qkPoints * 3, true, dtype));
        this.linearKvPoints = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_kv_points").scope("linear"), cS,
                heads * (qkPoints + vPoints) * 3, true, dtype));
        this.linearB = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_b"), cZ, heads, true, dtype));
        long concat = heads * (cZ + cHidden + vPoints * 4);
        this.linearOut = child(OpenFoldInit.FINAL.linear(ops.scope("linear_out"), concat, cS, true, dtype));
    }

    /**
     * The update of single representation {@code s [*, N, c_s]} from pair representation
     * {@code z [*, N, N, c_z]} and backbone {@code frames [*, N]} (translations in the structure
     * module's internal units) under {@code mask [*, N]} (null: every residue present).
     */
    public Tensor apply(Tensor s, Tensor z, Frames frames, Tensor mask) {
        Ops ops = ops();
        long[] dims = Axes.requireTrailing(s, 2, cS, name(), "the single representation");
        Axes.requireTrailing(z, 3, cZ, name(), "the pair representation");
        int lead = dims.length - 2;
        long residues = dims[lead];
        Frames pointFrames = frames.expandDims(2);

        Tensor q = ops.reshape(linearQ.apply(s), Axes.leadingThen(dims, lead, residues, heads, cHidden));
        List<Tensor> kv = ops.split(ops.reshape(linearKv.apply(s), Axes.leadingThen(dims, lead, residues, heads, 2 * cHidden)), -1, cHidden, cHidden);
        Tensor qPoints = points(linearQPoints, s, pointFrames, dims, qkPoints);
        List<Tensor> kvPoints = ops.split(points(linearKvPoints, s, pointFrames, dims, qkPoints + vPoints), -2, qkPoints, vPoints);

        Tensor logits = ops.matmul(byHead(q), byHead(kv.get(0)), false, true);
        logits = ops.mul(logits, ops.scalar(Math.sqrt(1.0 / (3 * cHidden)), s.dtype()));
        Tensor pairBias = Axes.permuteFinal(ops, linearB.apply(z), 2, 0, 1);
        logits = ops.add(logits, ops.mul(pairBias, ops.scalar(Math.sqrt(1.0 / 3), s.dtype())));
        logits = ops.add(logits, pointLogits(qPoints, kvPoints.get(0)));
        Tensor present = Axes.maskOrOnes(ops, mask, Arrays.copyOf(dims, lead + 1), s);
        Tensor pairs = ops.mul(ops.expandDims(present, -1), ops.expandDims(present, -2));
        Tensor maskBias = ops.mul(ops.scalar(inf, s.dtype()), ops.sub(pairs, ops.onesLike(pairs)));
        Tensor weights = ops.softmax(ops.add(logits, ops.expandDims(maskBias, -3)), -1);

        List<Tensor> parts = new ArrayList<>();
        parts.add(ops.reshape(byResidue(ops.matmul(weights, byHead(kv.get(1)), false, false)), Axes.leadingThen(dims, lead, residues, heads * cHidden)));
        Tensor valuePoints = ops.reshape(kvPoints.get(1), Axes.leadingThen(dims, lead, residues, heads, vPoints * 3));
        Tensor attendedPoints = byResidue(ops.matmul(weights, byHead(valuePoints), false, false));
        Tensor localPoints = pointFrames.invertApply(ops.reshape(attendedPoints, Axes.leadingThen(dims, lead, residues, heads, vPoints, 3)));
        long[] flatPoints = Axes.leadingThen(dims, lead, residues, heads * vPoints);
        for (Tensor axis : ops.split(localPoints, -1, 1, 1, 1)) {
            parts.add(ops.reshape(axis, flatPoints));
        }
        Tensor norms = ops.sqrt(ops.add(ops.sum(ops.square(localPoints), false, -1), ops.scalar(eps, s.dtype())));
        parts.add(ops.reshape(norms, flatPoints));
        Tensor attendedPairs = ops.matmul(byResidue(weights), z, false, false);
        parts.add(ops.reshape(attendedPairs, Axes.leadingThen(dims, lead, residues, heads * cZ)));
        return linearOut.apply(ops.concat(-1, parts));
    }

    /**
     * OpenFold's {@code PointProjection}: the projection's three equal chunks are the x, y and z
     * coordinates of points [*, N, H, count, 3] in each residue's frame, returned in the global frame.
     */
    private Tensor points(Linear linear, Tensor s, Frames pointFrames, long[] dims, long count) {
        Ops ops = ops();
        long perAxis = heads * count;
        Tensor coordinates = ops.stack(-1, ops.split(linear.apply(s), -1, perAxis, perAxis, perAxis));
        int lead = dims.length - 2;
        return pointFrames.apply(ops.reshape(coordinates, Axes.leadingThen(dims, lead, dims[lead], heads, count, 3)));
    }

    /** −½·w_h·Σ_p |q_ip − k_jp|² as logits [*, H, N, N] from points [*, N, H, P, 3]. */
    private Tensor pointLogits(Tensor qPoints, Tensor kPoints) {
        Ops ops = ops();
        Tensor difference = ops.sub(ops.expandDims(qPoints, -4), ops.expandDims(kPoints, -5));
        Tensor squared = ops.sum(ops.square(difference), false, -1);
        double scale = -0.5 * Math.sqrt(1.0 / (3 * qkPoints * 9.0 / 2));
        Tensor weights = ops.mul(ops.softplus(headWeights), ops.scalar(scale, qPoints.dtype()));
        Tensor weighted = ops.sum(ops.mul(squared, ops.expandDims(weights, -1)), false, -1);
        return Axes.permuteFinal(ops, weighted, 2, 0, 1);
    }

    /** [*, N, H, c] to [*, H, N, c]. */
    private Tensor byHead(Tensor x) {
        return Axes.permuteFinal(ops(), x, 1, 0, 2);
    }

    /** [*, H, N, c] to [*, N, H, c]. */
    private Tensor byResidue(Tensor x) {
        return Axes.permuteFinal(ops(), x, 1, 0, 2);
    }
}
