package io.timelapse.plugin.openfold.model.alphafold;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * {@link Ops} that record every {@code stopGradient} output they build (in all their scopes), so that a test can
 * hold those tensors at fixed values by feeding them: a graph's analytic gradient is the derivative with each
 * of them held constant.
 */
final class StopGradients {

    private StopGradients() {}

    static Ops recording(Ops ops, List<Tensor> stopped) {
        return (Ops) Proxy.newProxyInstance(Ops.class.getClassLoader(), new Class<?>[] {Ops.class}, (proxy, method, args) -> {
            Object result = invoke(ops, method, args);
            if (method.getName().equals("scope")) {
                return recording((Ops) result, stopped);
            }
            if (method.getName().equals("stopGradient")) {
                stopped.add((Tensor) result);
            }
            return result;
        });
    }

    private static Object invoke(Ops ops, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(ops, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
