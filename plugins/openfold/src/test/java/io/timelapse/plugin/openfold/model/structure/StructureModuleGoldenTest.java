package io.timelapse.plugin.openfold.model.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.plugin.openfold.model.ModuleFixture;
import io.timelapse.plugin.openfold.testing.TestCompute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The structure module against OpenFold's own outputs with its weights, in float32 and float64. */
class StructureModuleGoldenTest {

    private static final ComputeService COMPUTE = TestCompute.SERVICE;
    private static final List<String> OUTPUTS = List.of("frames_tensor7", "sidechain_frames_4x4", "unnormalized_angles",
            "angles_sin_cos", "positions_atom14", "states", "single");

    @Test
    void structureModuleEqualsOpenFoldInFloat32() {
        assertEqualsOpenFold(DType.F32);
    }

    @Test
    void structureModuleEqualsOpenFoldInFloat64() {
        assertEqualsOpenFold(DType.F64);
    }

    /** Training draws dropout masks from the step: the same step repeats its result, another step and evaluation differ. */
    @Test
    void dropoutOnlyWhenTrainingAndDrawnFromTheStep() {
        ModuleFixture fixture = ModuleFixture.of("structure_module");
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = new StructureModule(ops, config(fixture, 0.5), DType.F32);
            Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
            Tensor s = input(ops, fixture, "single", DType.F32, feeds);
            Tensor z = input(ops, fixture, "pair", DType.F32, feeds);
            Tensor aatype = input(ops, fixture, "aatype", DType.F32, feeds);
            Tensor mask = input(ops, fixture, "seq_mask", DType.F32, feeds);
            Tensor step = ops.placeholder("step", DType.I64, Shape.of());
            Tensor eval = module.apply(s, z, aatype, mask, step, false).single();
            Tensor train = module.apply(s, z, aatype, mask, step, true).single();
            try (Session session = fixture.session(graph, module)) {
                double[] evaluated = run(session, feeds, step, 3, eval);
                double[] first = run(session, feeds, step, 3, train);
                double[] again = run(session, feeds, step, 3, train);
                double[] other = run(session, feeds, step, 4, train);
                fixture.assertOutput("single", HostTensor.of(evaluated, 2, 8, 20));
                assertEquals(0, ModuleFixture.maxAbsDiff(first, again));
                assertTrue(ModuleFixture.maxAbsDiff(first, evaluated) > 1e-2);
                assertTrue(ModuleFixture.maxAbsDiff(first, other) > 1e-2);
            }
        }
    }

    private static double[] run(Session session, Map<Tensor, HostTensor> feeds, Tensor step, long value, Tensor fetch) {
        Map<Tensor, HostTensor> all = new LinkedHashMap<>(feeds);
        all.put(step, HostTensor.scalar(value));
        return ModuleFixture.run(session, all, fetch).toDoubles();
    }

    private static void assertEqualsOpenFold(DType dtype) {
        ModuleFixture fixture = ModuleFixture.of("structure_module");
        try (Graph graph = COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            var module = new StructureModule(ops, config(fixture, 0.1), dtype);
            Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
            StructureModule.Output out = module.apply(input(ops, fixture, "single", dtype, feeds), input(ops, fixture, "pair", dtype, feeds),
                    input(ops, fixture, "aatype", dtype, feeds), input(ops, fixture, "seq_mask", dtype, feeds), null, false);
            List<Tensor> fetches = List.of(out.frames(), out.sidechainFrames(), out.unnormalizedAngles(), out.angles(), out.positions(),
                    out.states(), out.single());
            try (Session session = graph.newSession()) {
                session.initialize();
                Map<String, HostTensor> params = new LinkedHashMap<>();
                fixture.params(key -> key).forEach((key, value) -> params.put(key, as(value, dtype)));
                StateDict.load(session, module.state(), params, "structure_module", false).requireExact();
                try (Outputs values = session.run(feeds, fetches)) {
                    for (int i = 0; i < OUTPUTS.size(); i++) {
                        assertEquals(dtype, values.get(i).dtype());
                        double error = fixture.assertOutput(OUTPUTS.get(i), values.get(i));
                        System.out.printf("structure_module %s %s max abs error %.3g%n", dtype, OUTPUTS.get(i), error);
                    }
                }
            }
        }
    }

    static StructureModule.Config config(ModuleFixture f, double dropoutRate) {
        return new StructureModule.Config(f.intArg("c_s"), f.intArg("c_z"), f.intArg("c_ipa"), f.intArg("c_resnet"),
                f.intArg("no_heads_ipa"), f.intArg("no_qk_points"), f.intArg("no_v_points"), f.intArg("no_blocks"),
                f.intArg("no_transition_layers"), f.intArg("no_resnet_blocks"), f.intArg("no_angles"),
                f.doubleArg("trans_scale_factor"), f.doubleArg("epsilon"), f.doubleArg("inf"), dropoutRate);
    }

    /** A placeholder of the fixture's input, floats as {@code dtype}, fed with its value. */
    private static Tensor input(Ops ops, ModuleFixture fixture, String name, DType dtype, Map<Tensor, HostTensor> feeds) {
        HostTensor value = fixture.value(name);
        HostTensor typed = value.dtype() == DType.I32 ? value : as(value, dtype);
        Tensor placeholder = ops.placeholder(name, typed.dtype(), typed.shape());
        feeds.put(placeholder, typed);
        return placeholder;
    }

    private static HostTensor as(HostTensor value, DType dtype) {
        return HostTensor.fromDoubles(dtype, value.shape(), value.toDoubles());
    }
}
