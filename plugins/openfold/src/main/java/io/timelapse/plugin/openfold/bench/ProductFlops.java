package io.timelapse.plugin.openfold.bench;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the floating-point operations of the matrix products a model builds, as it builds them: {@link #counting}
 * wraps an {@link Ops} (and every scope made from it) so that each {@code matmul} adds 2·(output elements)·K and each
 * {@code einsum} with a summed index adds 2·(output elements)·(product of the summed indices' sizes), from the static
 * shapes. Element-wise work (softmax, layer norm, einsums without a summed index) is not counted. A product whose
 * shapes are not all known is counted in {@link #unknownShapes} instead.
 */
public final class ProductFlops {

    private double flops;
    private int products;
    private int unknownShapes;

    /** FLOPs of the products counted so far. */
    public double flops() {
        return flops;
    }

    /** The number of products counted so far. */
    public int products() {
        return products;
    }

    /** Products whose FLOPs could not be counted because a shape was not static. */
    public int unknownShapes() {
        return unknownShapes;
    }

    /** {@code ops}, counting into this the products built through it and through every scope made from it. */
    public Ops counting(Ops ops) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(ops, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Ops scoped && method.getReturnType() == Ops.class) {
                return counting(scoped);
            }
            count(method, args, result);
            return result;
        };
        return (Ops) Proxy.newProxyInstance(Ops.class.getClassLoader(), new Class<?>[] {Ops.class}, handler);
    }

    private void count(Method method, Object[] args, Object result) {
        if (method.getName().equals("matmul") && args != null && args.length == 4 && result instanceof Tensor out) {
            Tensor a = (Tensor) args[0];
            long[] dims = a.shape().dims();
            long k = dims.length == 0 ? -1 : dims[(Boolean) args[2] ? dims.length - 2 : dims.length - 1];
            add(out.shape().dims(), k);
        } else if (method.getName().equals("einsum") && args != null && args.length == 2 && result instanceof Tensor out) {
            einsum((String) args[0], (Tensor[]) args[1], out);
        }
    }

    private void einsum(String equation, Tensor[] operands, Tensor out) {
        String[] sides = equation.replace(" ", "").split("->");
        String[] inputs = sides[0].split(",");
        String output = sides.length > 1 ? sides[1] : "";
        Map<Character, Long> sizes = new HashMap<>();
        for (int i = 0; i < inputs.length && i < operands.length; i++) {
            String labels = inputs[i].replace("...", "");
            long[] dims = operands[i].shape().dims();
            int offset = dims.length - labels.length();
            for (int j = 0; j < labels.length(); j++) {
                sizes.merge(labels.charAt(j), offset + j >= 0 ? dims[offset + j] : -1, Math::max);
            }
        }
        long summed = 1;
        boolean anySummed = false;
        for (Map.Entry<Character, Long> label : sizes.entrySet()) {
            if (output.indexOf(label.getKey()) < 0) {
                anySummed = true;
                summed = label.getValue() < 0 || summed < 0 ? -1 : summed * label.getValue();
            }
        }
        if (anySummed) {
            add(out.shape().dims(), summed);
        }
    }

    private void add(long[] outputDims, long inner) {
        long elements = inner;
        for (long dim : outputDims) {
            elements = dim < 0 || elements < 0 ? -1 : elements * dim;
        }
        products++;
        if (elements < 0) {
            unknownShapes++;
        } else {
            flops += 2.0 * elements;
        }
    }
}
