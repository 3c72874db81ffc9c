package io.timelapse.api.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which primitives the composites of {@link Ops} are built from, read off an {@code Ops} that only
 * records the calls. Their values and gradients are checked by the compute conformance kit.
 */
class CompositesTest {

    private record Symbolic(DType dtype, Shape shape) implements Tensor {
        @Override
        public Operation op() {
            throw new UnsupportedOperationException("a recorded tensor has no operation");
        }
    }

    /** The primitives called, by name; composites (default methods) run their own code. */
    private final List<String> primitives = new ArrayList<>();

    private final Ops ops = (Ops) Proxy.newProxyInstance(Ops.class.getClassLoader(), new Class<?>[] {Ops.class}, recorder());

    private InvocationHandler recorder() {
        return (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            primitives.add(method.getName());
            DType dtype = DType.F32;
            for (Object arg : args == null ? new Object[0] : args) {
                if (arg instanceof DType given) {
                    dtype = given;
                    break;
                }
                if (arg instanceof Tensor tensor) {
                    dtype = tensor.dtype();
                    break;
                }
            }
            return new Symbolic(dtype, Shape.unknown());
        };
    }

    @Test
    void sparseCrossEntropyGathersTheLabelsLogitWithoutAOneHot() {
        Tensor loss = ops.sparseCrossEntropy(new Symbolic(DType.F32, Shape.of(8, 50_000)), new Symbolic(DType.I32, Shape.of(8)));
        assertEquals(DType.F32, loss.dtype());
        assertTrue(primitives.contains("gather"), "the label's logit is gathered: " + primitives);
        assertFalse(primitives.contains("oneHot"), "no [rows, classes] one-hot is built: " + primitives);
    }

    @Test
    void sparseCrossEntropyNeedsAKnownNumberOfClasses() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ops.sparseCrossEntropy(new Symbolic(DType.F32, Shape.of(8, Shape.UNKNOWN_DIM)), new Symbolic(DType.I32, Shape.of(8))));
        assertEquals("sparseCrossEntropy needs a known number of classes (last axis of the logits)", error.getMessage());
    }
}
