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
            throw new IllegalStateException("the session is closed");
        }
        List<org.tensorflow.Tensor> fed = new ArrayList<>();
        try {
            org.tensorflow.Session.Runner runner = session.runner();
            for (Map.Entry<Tensor, HostTensor> feed : feeds.entrySet()) {
                org.tensorflow.Tensor value = HostTensors.toTf(feed.getValue());
                fed.add(value);
                runner.feed(TfTensor.of(feed.getKey(), graph).output(), value);
            }
            for (Tensor fetch : fetches) {
                runner.fetch(TfTensor.of(fetch, graph).output());
            }
            for (Operation target : targets) {
                runner.addTarget(TfOperation.of(target).native_());
            }
            List<HostTensor> values = new ArrayList<>(fetches.size());
            try (Result result = runner.run()) {
                for (int i = 0; i < fetches.size(); i++) {
                    values.add(HostTensors.fromTf(result.get(i)));
                }
            }
            hooks.afterRun();
            return new Outputs(values);
        } finally {
            fed.forEach(org.tensorflow.Tensor::close);
        }
    }

    @Override
    public HostTensor read(Variable variable) {
        try (Outputs outputs = run(Map.of(), List.of(variable), List.of())) {
            return outputs.get(0).copy();
        }
    }

    @Override
    public void assign(Variable variable, HostTensor value) {
        TfVariable tf = (TfVariable) TfTensor.of(variable, graph);
        if (value.dtype() != tf.dtype() || !value.shape().equals(tf.shape())) {
            throw new IllegalArgumentException("variable " + tf.name() + " is " + tf.dtype() + tf.shape()
                    + ", the value is " + value.dtype() + value.shape());
        }
        TfGraph.Assignment assignment = graph.hostAssignment(tf);
        run(Map.of(assignment.value(), value), List.of(), List.of(assignment.assign())).close();
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
