package io.timelapse.api.compute;

import java.util.List;

/** The values a session run fetched, in fetch order. Closing releases them. */
public final class Outputs implements AutoCloseable {

    private final List<HostTensor> values;

    public Outputs(List<HostTensor> values) {
        this.values = List.copyOf(values);
    }

    public HostTensor get(int index) {
        return values.get(index);
    }

    public int size() {
        return values.size();
    }

    @Override
    public void close() {
        values.forEach(HostTensor::close);
    }
}
