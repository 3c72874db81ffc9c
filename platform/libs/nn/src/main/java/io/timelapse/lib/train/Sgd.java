package io.timelapse.lib.train;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.List;

/**
 * {@code torch.optim.SGD}: g ← g + λp; with momentum μ the buffer starts as g and then becomes
 * μ·b + (1 − dampening)·g, and the step uses g + μ·b (Nesterov) or b; p ← p − lr·g.
 * The buffer slot is {@code opt.sgd.momentum_buffer.<parameter>}.
 */
public final class Sgd extends Optimizer {

    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;

    public Sgd(Graph graph, StepCounter step, LearningRateSchedule schedule, double momentum, double dampening,
               double weightDecay, boolean nesterov) {
        super(graph, "sgd", step, schedule);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    /** Plain gradient descent, PyTorch's defaults. */
    public Sgd(Graph graph, StepCounter step, LearningRateSchedule schedule) {
        this(graph, step, schedule, 0, 0, 0, false);
    }

    @Override
    protected Operation updateOne(Ops ops, Variable parameter, Tensor gradient, Tensor learningRate, Tensor completed) {
        Tensor g = weightDecay == 0 ? gradient : ops.add(gradient, ops.mul(scalar(ops, weightDecay, parameter), parameter));
        Operation bufferUpdate = null;
        if (momentum != 0) {
            Variable buffer = slot("momentum_buffer", parameter);
            Tensor continued = ops.add(ops.mul(scalar(ops, momentum, g), buffer), ops.mul(scalar(ops, 1 - dampening, g), g));
            Tensor first = ops.equal(completed, ops.scalar(0, DType.F64));
            Tensor newBuffer = ops.where(first, g, continued);
            bufferUpdate = ops.assign(buffer, newBuffer);
            g = nesterov ? ops.add(g, ops.mul(scalar(ops, momentum, g), newBuffer)) : newBuffer;
        }
        Operation parameterUpdate = ops.assign(parameter, ops.sub(parameter, ops.mul(learningRate, g)));
        return bufferUpdate == null ? parameterUpdate : ops.group(List.of(bufferUpdate, parameterUpdate));
    }
}
