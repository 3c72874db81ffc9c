package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.HostTensor;
import java.nio.ByteBuffer;
import org.tensorflow.RawTensor;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** Moves tensors between host memory and TensorFlow. */
final class HostTensors {

    private HostTensors() {}

    /** A TensorFlow tensor holding a copy of {@code host}; the caller closes it. */
    static Tensor toTf(HostTensor host) {
        return Tensor.of(DTypes.tensorType(host.dtype()), Shapes.toTf(host.shape()), DataBuffers.of(host.buffer()));
    }

    /** A host copy of {@code tensor}, which is closed. */
    static HostTensor fromTf(Tensor tensor) {
        try (tensor) {
            RawTensor raw = tensor.asRawTensor();
            byte[] bytes = new byte[Math.toIntExact(raw.numBytes())];
            raw.data().read(bytes);
            return HostTensor.wrap(DTypes.fromTf(raw.dataType()), Shapes.fromTf(raw.shape()), ByteBuffer.wrap(bytes));
        }
    }
}
