package io.timelapse.lib.nn;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Shape;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.lib.npy.Npz;
import io.timelapse.platform.compute.tensorflow.TensorFlowComputeService;
import io.timelapse.platform.compute.tensorflow.runtime.ComputeSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one compute service of the test JVM, and test resources as host tensors. */
public final class TestCompute {

    public static final ComputeService SERVICE = new TensorFlowComputeService(new ComputeSettings(-1, 2, 1, false));

    private TestCompute() {}

    public static Path resource(Class<?> owner, String name) {
        URL url = owner.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name + " next to " + owner.getName());
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every array of an .npz resource: floating arrays as F64, integers as I32/I64, booleans as BOOL. */
    public static Map<String, HostTensor> npz(Class<?> owner, String name) throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        Npz.read(resource(owner, name)).forEach((key, array) -> tensors.put(key, host(array)));
        return tensors;
    }

    public static HostTensor host(NpyArray array) {
        long[] shape = array.shape();
        switch (array.dtype().kind()) {
            case 'f':
                return HostTensor.fromDoubles(DType.F64, Shape.of(shape), array.asDoubleArray());
            case 'b':
                return HostTensor.of(array.asBooleanArray(), shape);
            default:
                return array.dtype().size() == 8 ? HostTensor.of(array.asLongArray(), shape) : HostTensor.of(array.asIntArray(), shape);
        }
    }
}
