package io.timelapse.lib.nn;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer or a model: its own parameters and buffers plus those of its child modules. A module
 * lives at one scope of a graph, so its variables are named {@code <scope>.<name>} the way PyTorch's
 * {@code state_dict()} names them.
 */
public abstract class Module {

    private final Ops ops;
    private final Map<String, Variable> parameters = new LinkedHashMap<>();
    private final Map<String, Variable> buffers = new LinkedHashMap<>();
    private final List<Module> children = new ArrayList<>();

    protected Module(Ops ops) {
        this.ops = ops;
    }

    /** The operations at this module's scope. */
    protected final Ops ops() {
        return ops;
    }

    /** The dotted scope name, for example {@code gpt_neox.layers.0.attention}. */
    public final String name() {
        return ops.scopeName();
    }

    /** A trainable variable named {@code <scope>.<name>}. */
    protected final Variable parameter(String name, DType dtype, Shape shape, Initializer initializer) {
        Variable variable = ops.variable(name, dtype, shape, initializer);
        parameters.put(variable.name(), variable);
        return variable;
    }

    /** A variable that is state but not trained, like PyTorch's registered buffers. */
    protected final Variable buffer(String name, DType dtype, Shape shape, Initializer initializer) {
        Variable variable = ops.stateVariable(name, dtype, shape, initializer);
        buffers.put(variable.name(), variable);
        return variable;
    }

    /** Registers {@code child}, built at a sub-scope of this module, and returns it. */
    protected final <M extends Module> M child(M child) {
        children.add(child);
        return child;
    }

    /** The trainable variables of this module and its children, by full name, in creation order. */
    public final Map<String, Variable> parameters() {
        Map<String, Variable> all = new LinkedHashMap<>();
        collect(all, false);
        return Collections.unmodifiableMap(all);
    }

    /** Parameters and buffers by full name: what a state dict of this module holds. */
    public final Map<String, Variable> state() {
        Map<String, Variable> all = new LinkedHashMap<>();
        collect(all, true);
        return Collections.unmodifiableMap(all);
    }

    public final List<Module> children() {
        return Collections.unmodifiableList(children);
    }

    private void collect(Map<String, Variable> into, boolean withBuffers) {
        into.putAll(parameters);
        if (withBuffers) {
            into.putAll(buffers);
        }
        for (Module child : children) {
            child.collect(into, withBuffers);
        }
    }
}
