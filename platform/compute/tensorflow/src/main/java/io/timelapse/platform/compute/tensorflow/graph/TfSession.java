package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TensorFlowException;

/** A TensorFlow session: every tensor it creates is closed before a run returns, except the fetched values. */
final class TfSession implements Session {

    private final TfGraph graph;
    private final org.tensorflow.Session session;
    private final SessionHooks hooks;
    private boolean closed;

    TfSession(TfGraph graph, org.tensorflow.Session session, SessionHooks hooks) {
        this.graph = graph;
        this.session = session;
        this.hooks = hooks;
    }

    @Override
    public void initialize() {
        List<TfOperation> initializers = graph.initializers();
        if (!initializers.isEmpty()) {
            run(Map.of(), List.of(), new ArrayList<>(initializers)).close();
        }
    }

    @Override
    public synchronized Outputs run(Map<Tensor, HostTensor> feeds, List<? extends Tensor> fetches, List<Operation> targets) {
        if (closed) {
            throw new IllegalStateException("cannot run " + RunErrors.describe(fetches, targets) + ": the session is closed");
        }
        List<org.tensorflow.Tensor> fed = new ArrayList<>();
        try {
            org.tensorflow.Session.Runner runner = session.runner();
            for (Map.Entry<Tensor, HostTensor> feed : feeds.entrySet()) {
                TfTensor placeholder = RunErrors.feedable(feed.getKey(), feed.getValue(), graph);
                org.tensorflow.Tensor value = HostTensors.toTf(feed.getValue());
                fed.add(value);
                runner.feed(placeholder.output(), value);
            }
            for (Tensor fetch : fetches) {
                runner.fetch(RunErrors.fetchable(fetch, graph).output());
            }
            for (Operation target : targets) {
                runner.addTarget(RunErrors.runnable(target, graph).native_());
            }
            Result result;
            try {
                result = runner.run();
            } catch (TensorFlowException | TFInvalidArgumentException e) {
                throw RunErrors.explain(e, fetches, targets);
            }
            Outputs outputs = take(result, fetches.size());
            hooks.afterRun();
            return outputs;
        } finally {
            fed.forEach(org.tensorflow.Tensor::close);
        }
    }

    /**
     * The fetched tensors as host tensors that own them: the result itself is not closed, since
     * that would free the memory the host tensors view.
     */
    private static Outputs take(Result result, int count) {
        List<HostTensor> values = new ArrayList<>(count);
        int taken = 0;
        try {
            for (; taken < count; taken++) {
                values.add(HostTensors.fromTf(result.get(taken)));
            }
            return new Outputs(values);
        } catch (RuntimeException e) {
            values.forEach(HostTensor::close);
            for (int i = taken + 1; i < count; i++) {
                result.get(i).close();
            }
            throw e;
        }
    }

    @Override
    public HostTensor read(Variable variable) {
        return read(List.of(variable)).get(0);
    }

    @Override
    public List<HostTensor> read(List<Variable> variables) {
        try (Outputs outputs = run(Map.of(), variables, List.of())) {
            List<HostTensor> copies = new ArrayList<>(variables.size());
            for (int i = 0; i < variables.size(); i++) {
                copies.add(outputs.get(i).copy());
            }
            return copies;
        }
    }

    @Override
    public void assign(Variable variable, HostTensor value) {
        assign(Map.of(variable, value));
    }

    @Override
    public void assign(Map<Variable, HostTensor> values) {
        Map<Tensor, HostTensor> feeds = new java.util.HashMap<>();
        List<Operation> assignments = new ArrayList<>();
        for (Map.Entry<Variable, HostTensor> entry : values.entrySet()) {
            TfVariable tf = (TfVariable) TfTensor.of(entry.getKey(), graph);
            HostTensor value = entry.getValue();
            if (value.dtype() != tf.dtype() || !value.shape().equals(tf.shape())) {
                throw new IllegalArgumentException("variable " + tf.name() + " is " + tf.dtype() + tf.shape()
                        + ", the value is " + value.dtype() + value.shape());
            }
            TfGraph.Assignment assignment = graph.hostAssignment(tf);
            feeds.put(assignment.value(), value);
            assignments.add(assignment.assign());
        }
        run(feeds, List.of(), assignments).close();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            session.close();
            graph.sessionClosed(this);
        }
    }
}
