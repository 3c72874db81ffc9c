package io.timelapse.api.compute;

import java.util.List;
import java.util.Map;

/** Runs a graph. Variables live in the session; close it to free them. */
@org.osgi.annotation.versioning.ProviderType
public interface Session extends AutoCloseable {

    /** Gives every variable its initial value. */
    void initialize();

    /** Feeds placeholders, fetches values and runs targets in one step. */
    Outputs run(Map<Tensor, HostTensor> feeds, List<? extends Tensor> fetches, List<Operation> targets);

    default Outputs run(Map<Tensor, HostTensor> feeds, List<? extends Tensor> fetches) {
        return run(feeds, fetches, List.of());
    }

    /** A copy of a variable's current value. */
    HostTensor read(Variable variable);

    /** Copies of the variables' current values, read in one step. */
    List<HostTensor> read(List<Variable> variables);

    /** Replaces a variable's value; the shape and dtype must match. */
    void assign(Variable variable, HostTensor value);

    /** Replaces several variables' values in one step. */
    void assign(Map<Variable, HostTensor> values);

    @Override
    void close();
}
