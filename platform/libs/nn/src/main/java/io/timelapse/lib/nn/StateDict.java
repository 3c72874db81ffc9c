package io.timelapse.lib.nn;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.safetensors.SafetensorsTensor;
import io.timelapse.lib.safetensors.TensorDType;
import io.timelapse.lib.safetensors.TensorInfo;
import io.timelapse.lib.safetensors.TensorStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads named tensors into a session's variables by their full names, as PyTorch's
 * {@code load_state_dict} does, and reads them back out. Loading never fails silently: the
 * {@link LoadReport} lists missing, unexpected and mismatched names.
 */
public final class StateDict {

    private StateDict() {}

    /**
     * Assigns every value whose name is a key of {@code variables}.
     *
     * @param castFloats whether a floating value may load into a variable of another floating dtype
     *     (for example F16 weights into an F32 graph); integer and boolean dtypes must always match
     */
    public static LoadReport load(Session session, Map<String, Variable> variables, Map<String, HostTensor> values,
                                  String source, boolean castFloats) {
        Report report = new Report(variables);
        // One run for all values: a run per variable costs a pass over the whole graph each.
        Map<Variable, HostTensor> assignments = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> entry : values.entrySet()) {
            String name = entry.getKey();
            HostTensor value = entry.getValue();
            Variable variable = variables.get(name);
            if (variable == null) {
                report.unexpected.add(name);
            } else if (report.fits(name, variable, value.dtype(), value.shape(), castFloats)) {
                assignments.put(variable, convert(value, variable.dtype()));
                report.loaded(name);
            }
        }
        if (!assignments.isEmpty()) {
            session.assign(assignments);
        }
        return report.finish(source);
    }

    /** Loads from a safetensors file or sharded model, reading only the tensors that have a variable. */
    public static LoadReport load(Session session, Map<String, Variable> variables, TensorStore store, boolean castFloats)
            throws IOException {
        Report report = new Report(variables);
        Map<Variable, HostTensor> assignments = new LinkedHashMap<>();
        for (String name : store.names()) {
            Variable variable = variables.get(name);
            if (variable == null) {
                report.unexpected.add(name);
                continue;
            }
            TensorInfo info = store.info(name);
            DType dtype = dtypeOf(info.dtype());
            if (dtype == null) {
                report.mismatched.add(new LoadReport.Mismatch(name, variable.dtype() + variable.shape().toString(),
                        info.dtype().code() + Shape.of(info.shape()) + " (no compute dtype for " + info.dtype().code() + ")"));
                continue;
            }
            if (report.fits(name, variable, dtype, Shape.of(info.shape()), castFloats)) {
                SafetensorsTensor tensor = store.tensor(name);
                HostTensor value = HostTensor.wrap(dtype, Shape.of(tensor.shape()), tensor.data());
                assignments.put(variable, convert(value, variable.dtype()));
                report.loaded(name);
            }
        }
        if (!assignments.isEmpty()) {
            session.assign(assignments);
        }
        return report.finish(store.source());
    }

    /** Copies of the current values of {@code variables}, by the same keys. */
    public static Map<String, HostTensor> read(Session session, Map<String, Variable> variables) {
        // One run for all of them: a run per variable costs the backend a pass over the whole graph each time.
        List<HostTensor> read = session.read(new ArrayList<>(variables.values()));
        Map<String, HostTensor> values = new LinkedHashMap<>();
        int index = 0;
        for (String name : variables.keySet()) {
            values.put(name, read.get(index++));
        }
        return values;
    }

    /** The compute dtype of a safetensors dtype, or null when the compute API has none. */
    public static DType dtypeOf(TensorDType dtype) {
        switch (dtype) {
            case BOOL:
                return DType.BOOL;
            case U8:
                return DType.U8;
            case F16:
                return DType.F16;
            case BF16:
                return DType.BF16;
            case F32:
                return DType.F32;
            case F64:
                return DType.F64;
            case I32:
                return DType.I32;
            case I64:
                return DType.I64;
            default:
                return null;
        }
    }

    /** The safetensors dtype of a compute dtype. */
    public static TensorDType fileDtypeOf(DType dtype) {
        return TensorDType.valueOf(dtype.name());
    }

    private static HostTensor convert(HostTensor value, DType dtype) {
        return value.dtype() == dtype ? value : HostTensor.fromDoubles(dtype, value.shape(), value.toDoubles());
    }

    /** The lists of one load. */
    private static final class Report {
        private final Map<String, Variable> remaining;
        private final List<String> loaded = new ArrayList<>();
        private final List<String> unexpected = new ArrayList<>();
        private final List<LoadReport.Mismatch> mismatched = new ArrayList<>();

        Report(Map<String, Variable> variables) {
            this.remaining = new LinkedHashMap<>(variables);
        }

        boolean fits(String name, Variable variable, DType dtype, Shape shape, boolean castFloats) {
            boolean dtypeFits = dtype == variable.dtype() || castFloats && dtype.isFloating() && variable.dtype().isFloating();
            if (dtypeFits && shape.equals(variable.shape())) {
                return true;
            }
            mismatched.add(new LoadReport.Mismatch(name, variable.dtype() + variable.shape().toString(), dtype + shape.toString()));
            remaining.remove(name);
            return false;
        }

        void loaded(String name) {
            loaded.add(name);
            remaining.remove(name);
        }

        LoadReport finish(String source) {
            return new LoadReport(source, loaded, new ArrayList<>(remaining.keySet()), unexpected, mismatched);
        }
    }
}
