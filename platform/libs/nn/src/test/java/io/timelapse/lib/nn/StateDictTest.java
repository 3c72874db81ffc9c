package io.timelapse.lib.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateDictTest {

    @Test
    void reportsMissingUnexpectedAndMismatchedNamesAndLoadsTheRest() {
        try (Graph graph = TestCompute.SERVICE.newGraph(1)) {
            Linear a = new Linear(graph.ops().scope("a"), 2, 3, true, DType.F32);
            Linear b = new Linear(graph.ops().scope("b"), 2, 2, false, DType.F32);
            Map<String, io.timelapse.api.compute.Variable> variables = new LinkedHashMap<>(a.state());
            variables.putAll(b.state());
            Map<String, HostTensor> values = new LinkedHashMap<>();
            values.put("a.weight", HostTensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
            values.put("a.bias", HostTensor.of(new float[] {1, 2}, 2));
            values.put("b.weight", HostTensor.of(new double[] {1, 2, 3, 4}, 2, 2));
            values.put("c.weight", HostTensor.of(new float[] {1}, 1));
            try (Session session = graph.newSession()) {
                session.initialize();
                LoadReport report = StateDict.load(session, variables, values, "weights.safetensors", false);
                assertEquals(List.of("a.weight"), report.loaded());
                assertEquals(List.of(), report.missing());
                assertEquals(List.of("c.weight"), report.unexpected());
                assertEquals(List.of(new LoadReport.Mismatch("a.bias", "F32[3]", "F32[2]"), new LoadReport.Mismatch("b.weight", "F32[2, 2]", "F64[2, 2]")),
                        report.mismatched());
                assertFalse(report.isExact());
                IllegalStateException error = assertThrows(IllegalStateException.class, report::requireAllLoaded);
                assertTrue(error.getMessage().startsWith("weights.safetensors: loaded 1 tensors"), error.getMessage());
                assertTrue(error.getMessage().contains("a.bias (variable F32[3], value F32[2])"), error.getMessage());
                assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, session.read(a.weight()).toFloats());

                values.remove("a.bias");
                values.remove("c.weight");
                LoadReport cast = StateDict.load(session, variables, values, "weights.safetensors", true);
                assertEquals(List.of("a.weight", "b.weight"), cast.loaded());
                assertEquals(List.of("a.bias"), cast.missing());
                assertArrayEquals(new float[] {1, 2, 3, 4}, session.read(b.weight()).toFloats());
                assertEquals(Shape.of(2, 2), StateDict.read(session, b.state()).get("b.weight").shape());
            }
        }
    }
}
