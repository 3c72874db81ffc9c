package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.tensorflow.RawTensor;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataStorageVisitor;

/**
 * Moves tensors between host memory and TensorFlow. A fetched tensor is handed out as a view of
 * TensorFlow's own memory (closing the host tensor frees it); a fed value is copied once, straight
 * into the memory of a new TensorFlow tensor.
 */
final class HostTensors {

    private HostTensors() {}

    /** A TensorFlow tensor holding a copy of {@code host}; the caller closes it. */
    static Tensor toTf(HostTensor host) {
        Tensor tensor = Tensor.of(DTypes.tensorType(host.dtype()), Shapes.toTf(host.shape()));
        try {
            ByteBuffer memory = nativeMemory(tensor.asRawTensor());
            if (memory != null) {
                memory.put(host.buffer());
            } else {
                byte[] bytes = new byte[Math.toIntExact(host.buffer().remaining())];
                host.buffer().get(bytes);
                tensor.asRawTensor().data().write(bytes);
            }
            return tensor;
        } catch (RuntimeException e) {
            tensor.close();
            throw e;
        }
    }

    /** {@code tensor} as a host tensor over the same memory; closing the host tensor closes it. */
    static HostTensor fromTf(Tensor tensor) {
        try {
            RawTensor raw = tensor.asRawTensor();
            io.timelapse.api.compute.DType dtype = DTypes.fromTf(raw.dataType());
            io.timelapse.api.compute.Shape shape = Shapes.fromTf(raw.shape());
            ByteBuffer memory = raw.numBytes() == 0 ? null : nativeMemory(raw);
            if (memory == null) {
                HostTensor copy = copyOf(raw, dtype, shape);
                tensor.close();
                return copy;
            }
            return HostTensor.wrapOwned(dtype, shape, memory, tensor::close);
        } catch (RuntimeException e) {
            tensor.close();
            throw e;
        }
    }

    private static HostTensor copyOf(RawTensor raw, io.timelapse.api.compute.DType dtype, io.timelapse.api.compute.Shape shape) {
        byte[] bytes = new byte[Math.toIntExact(raw.numBytes())];
        raw.data().read(bytes);
        return HostTensor.wrap(dtype, shape, ByteBuffer.wrap(bytes));
    }

    /** A direct buffer over the tensor's native memory, or null if the buffer does not expose it. */
    private static ByteBuffer nativeMemory(RawTensor raw) {
        long bytes = raw.numBytes();
        Long address = raw.data().accept(new DataStorageVisitor<Long>() {
            @Override
            public Long visit(long address, long length, long scale) {
                return length * scale >= bytes ? address : null;
            }

            @Override
            public Long fallback() {
                return null;
            }
        });
        if (address == null || address == 0 || bytes == 0) {
            return null;
        }
        return new BytePointer(new NativeMemory(address, bytes)).capacity(bytes).limit(bytes).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A view of memory that TensorFlow owns: JavaCPP never frees it. */
    private static final class NativeMemory extends Pointer {

        NativeMemory(long address, long bytes) {
            this.address = address;
            this.capacity = bytes;
            this.limit = bytes;
        }
    }
}
