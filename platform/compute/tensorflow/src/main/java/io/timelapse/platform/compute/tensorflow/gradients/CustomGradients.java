package io.timelapse.platform.compute.tensorflow.gradients;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.RawCustomGradient;

/**
 * Gradients that TensorFlow's C++ gradient registry lacks for operations the graph API exposes.
 * TensorFlow's registry is process-wide and cannot be unregistered, so they are registered once per
 * process (class loader), before the first graph is differentiated.
 */
public final class CustomGradients {

    private static Map<String, Boolean> registered;

    private CustomGradients() {}

    /**
     * Registers the gradients if that has not happened yet; returns, per operation type, whether
     * this process's registration took (false: TensorFlow already had a gradient, which it keeps).
     */
    public static synchronized Map<String, Boolean> registerOnce() {
        if (registered == null) {
            Map<String, Boolean> result = new LinkedHashMap<>();
            for (Map.Entry<String, RawCustomGradient> gradient : gradients().entrySet()) {
                result.put(gradient.getKey(), TensorFlow.registerCustomGradient(gradient.getKey(), gradient.getValue()));
            }
            registered = Map.copyOf(result);
        }
        return registered;
    }

    private static Map<String, RawCustomGradient> gradients() {
        Map<String, RawCustomGradient> gradients = new LinkedHashMap<>();
        gradients.put("TopKV2", new TopKGradient());
        gradients.put("MatrixInverse", new MatrixInverseGradient());
        gradients.put("Cholesky", new CholeskyGradient());
        gradients.put("SelfAdjointEigV2", new EighGradient());
        gradients.put("Svd", new SvdGradient());
        gradients.put("MatrixTriangularSolve", new TriangularSolveGradient());
        return gradients;
    }
}
