package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.NotDifferentiableException;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Output;
import org.tensorflow.op.Scope;

/** A TensorFlow graph behind the API's {@link Graph}. */
public final class TfGraph implements Graph {

    private final org.tensorflow.Graph graph = new org.tensorflow.Graph();
    private final long seed;
    private final SessionHooks hooks;
    private final Map<String, TfVariable> variables = new LinkedHashMap<>();
    private final List<TfOperation> initializers = new ArrayList<>();
    private final Map<String, Assignment> hostAssignments = new HashMap<>();
    private final Map<String, Integer> usedNames = new HashMap<>();
    private final List<TfSession> sessions = new ArrayList<>();
    private final OrderIndependentSums sums = new OrderIndependentSums(this);
    private boolean closed;

    /** A placeholder and the assignment of its value to one variable, for {@link Session#assign}. */
    record Assignment(TfTensor value, TfOperation assign) {}

    public TfGraph(long seed, SessionHooks hooks) {
        this.seed = seed;
        this.hooks = hooks;
    }

    @Override
    public Ops ops() {
        return new TfOps(this, "", "");
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public synchronized List<Tensor> gradients(Tensor loss, List<? extends Tensor> xs) {
        Output<?>[] inputs = new Output<?>[xs.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = TfTensor.of(xs.get(i), this).output();
            if (!xs.get(i).dtype().isFloating()) {
                throw new NotDifferentiableException("cannot differentiate with respect to " + xs.get(i).name()
                        + ": it is " + xs.get(i).dtype() + ", only floating-point tensors have gradients");
            }
        }
        Output<?>[] gradients;
        try {
            gradients = sums.around(() -> graph.addGradients(TfTensor.of(loss, this).output(), inputs));
        } catch (RuntimeException e) {
            throw Gradients.explain(e, loss, xs, this);
        }
        List<Tensor> result = new ArrayList<>();
        for (int i = 0; i < gradients.length; i++) {
            if (Gradients.isMissing(gradients[i])) {
                Gradients.checkBlockedOnlyByStopGradient(loss, xs.get(i), this);
                result.add(ops().zerosLike(xs.get(i)));
            } else {
                result.add(new TfTensor(gradients[i], this));
            }
        }
        return result;
    }

    @Override
    public synchronized List<Tensor> gradients(List<? extends Tensor> ys, List<? extends Tensor> dys, List<? extends Tensor> xs) {
        if (ys.size() != dys.size() || ys.isEmpty()) {
            throw new IllegalArgumentException("vector-Jacobian products need one dy for each of at least one y, not " + dys.size()
                    + " for " + ys.size());
        }
        Output<?>[] outputs = new Output<?>[ys.size()];
        Output<?>[] seeds = new Output<?>[ys.size()];
        for (int k = 0; k < outputs.length; k++) {
            Tensor y = ys.get(k);
            Tensor dy = dys.get(k);
            if (dy.dtype() != y.dtype() || !dy.shape().equals(y.shape())) {
                throw new IllegalArgumentException("the dy of " + y.name() + " must be " + y.dtype() + " " + y.shape() + ", not "
                        + dy.dtype() + " " + dy.shape());
            }
            // TensorFlow's builder loses the gradient a y gets through another y computed from it; through an identity
            // of its own, each y is a sink that no other y is computed from.
            outputs[k] = TfTensor.of(ops().identity(y, "vjp_output"), this).output();
            seeds[k] = TfTensor.of(dy, this).output();
        }
        Set<Output<?>> reached = Gradients.reachedWithoutStopping(List.of(outputs));
        List<Integer> wanted = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            if (!xs.get(i).dtype().isFloating()) {
                throw new NotDifferentiableException("cannot differentiate with respect to " + xs.get(i).name()
                        + ": it is " + xs.get(i).dtype() + ", only floating-point tensors have gradients");
            }
            if (reached.contains(TfTensor.of(xs.get(i), this).output())) {
                wanted.add(i);
            }
        }
        List<Tensor> result = new ArrayList<>();
        xs.forEach(x -> result.add(null));
        if (!wanted.isEmpty()) {
            Output<?>[] inputs = wanted.stream().map(i -> TfTensor.of(xs.get(i), this).output()).toArray(Output<?>[]::new);
            Output<?>[] gradients;
            try {
                gradients = sums.around(() -> graph.addGradients(null, outputs, inputs, seeds));
            } catch (RuntimeException e) {
                throw Gradients.explain(e, ys.get(0), xs, this);
            }
            for (int j = 0; j < gradients.length; j++) {
                Tensor x = xs.get(wanted.get(j));
                if (Gradients.isMissing(gradients[j])) {
                    Output<?> target = inputs[j];
                    ys.stream().filter(y -> Gradients.reachedWithoutStopping(List.of(TfTensor.of(y, this).output())).contains(target))
                            .forEach(y -> Gradients.checkBlockedOnlyByStopGradient(y, x, this));
                } else {
                    result.set(wanted.get(j), new TfTensor(gradients[j], this));
                }
            }
        }
        for (int i = 0; i < result.size(); i++) {
            if (result.get(i) == null) {
                result.set(i, ops().zerosLike(xs.get(i)));
            }
        }
        return result;
    }

    @Override
    public synchronized List<Variable> variables() {
        return Collections.unmodifiableList(new ArrayList<>(variables.values()));
    }

    @Override
    public synchronized Session newSession() {
        checkOpen();
        TfSession session = new TfSession(this, new org.tensorflow.Session(graph, hooks.config()), hooks);
        sessions.add(session);
        return session;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        new ArrayList<>(sessions).forEach(TfSession::close);
        graph.close();
    }

    org.tensorflow.Graph nativeGraph() {
        return graph;
    }

    synchronized void sessionClosed(TfSession session) {
        sessions.remove(session);
    }

    /** An operation of {@code type} named {@code prefix/type}, made unique. */
    NodeBuilder node(String type, String prefix) {
        return namedNode(type, prefix.isEmpty() ? type : prefix + "/" + type);
    }

    /** An operation named {@code name}, or {@code name_k} with the smallest free k ≥ 1, as TensorFlow's scopes name them. */
    NodeBuilder namedNode(String type, String name) {
        checkOpen();
        Scope scope = graph.baseScope();
        return new NodeBuilder(this, graph.opBuilder(type, unique(name), scope));
    }

    // TensorFlow Java's sub-scopes collect the names already used by walking the whole graph each time a sub-scope
    // is made, which made building a 48-block model quadratic; the names are kept here instead.
    private synchronized String unique(String name) {
        Integer suffix = usedNames.get(name);
        if (suffix == null) {
            usedNames.put(name, 0);
            return name;
        }
        String candidate;
        do {
            suffix++;
            candidate = name + "_" + suffix;
        } while (usedNames.containsKey(candidate));
        usedNames.put(name, suffix);
        usedNames.put(candidate, 0);
        return candidate;
    }

    synchronized TfVariable addVariable(String name, boolean trainable, io.timelapse.api.compute.Initializer initializer,
                                        DType dtype, Shape shape, java.util.function.Function<TfVariable, TfOperation> initialAssignment) {
        if (variables.containsKey(name)) {
            throw new IllegalArgumentException("a variable named " + name + " already exists in this graph");
        }
        if (!shape.isFullyKnown()) {
            throw new IllegalArgumentException("variable " + name + " needs a fully known shape, got " + shape);
        }
        Output<?> handle = namedNode("VarHandleOp", name).attr("dtype", dtype).attr("shape", shape)
                .attr("shared_name", name).build().output(0);
        Output<?> read = namedNode("ReadVariableOp", name + "/read").input(handle).attr("dtype", dtype).build().output(0);
        TfVariable variable = new TfVariable(name, handle, read, this, trainable, initializer);
        variables.put(name, variable);
        initializers.add(initialAssignment.apply(variable));
        return variable;
    }

    synchronized List<TfOperation> initializers() {
        return List.copyOf(initializers);
    }

    synchronized Assignment hostAssignment(TfVariable variable) {
        return hostAssignments.computeIfAbsent(variable.name(), name -> {
            TfTensor value = namedNode("Placeholder", name + "/assign_value")
                    .attr("dtype", variable.dtype()).attr("shape", variable.shape()).output();
            TfOperation assign = namedNode("AssignVariableOp", name + "/assign")
                    .input(variable.handle()).input(value.output()).attr("dtype", variable.dtype()).operation();
            return new Assignment(value, assign);
        });
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the graph is closed");
        }
    }
}
