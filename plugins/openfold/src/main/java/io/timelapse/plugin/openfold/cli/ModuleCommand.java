package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.npy.Npy;
import io.timelapse.plugin.openfold.model.ModuleFiles;
import io.timelapse.plugin.openfold.model.ModuleFilesException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse openfold module NAME --dir DIR}: one module run in float32 on inputs and weights
 * given as .npy files in the golden fixtures' convention, its outputs written as {@code output.<name>.npy}.
 */
@Command(name = "module", mixinStandardHelpOptions = true,
        description = "Run one OpenFold module on inputs and weights given as .npy files in the golden fixtures' convention "
                + "(input.<name>.npy, param.<state_dict key>.npy, constructor arguments in meta.json) and write its outputs "
                + "as output.<name>.npy into the run directory, to compare them with OpenFold's.")
final class ModuleCommand implements PluginCommand {

    private final RunService runs;
    private final ComputeService compute;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "The module: a fixture name such as tri_mul_outgoing or evoformer_block, or OpenFold's class name in "
                    + "snake case where it differs (for example triangle_multiplication_outgoing).")
    String name;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "Directory holding meta.json (the module's constructor arguments, as in the fixtures' manifest.json), "
                    + "the inputs as input.<name>.npy and the weights as param.<state_dict key>.npy.")
    Path dir;

    @Inject
    ModuleCommand(RunService runs, ComputeService compute) {
        this.runs = runs;
        this.compute = compute;
    }

    @Override
    public Integer call() throws IOException {
        ModuleCatalog.Builder builder = ModuleCatalog.find(name);
        if (builder == null) {
            throw new ParameterException(spec.commandLine(), "NAME " + name + ": unknown module; known: " + ModuleCatalog.known());
        }
        try (Graph graph = compute.newGraph(0)) {
            ModuleFiles files;
            ModuleCatalog.Built built;
            Session session;
            try {
                files = ModuleFiles.open(dir);
                built = builder.build(graph.ops(), files);
                session = graph.newSession();
            } catch (ModuleFilesException e) {
                throw new ParameterException(spec.commandLine(), "--dir " + e.getMessage());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new ParameterException(spec.commandLine(), "--dir " + dir + ": the inputs do not fit " + ModuleCatalog.canonical(name)
                        + " with the arguments of meta.json: " + e.getMessage());
            }
            try (session) {
                session.initialize();
                try {
                    if (built.module() != null) {
                        files.load(session, built.module());
                    }
                } catch (ModuleFilesException e) {
                    throw new ParameterException(spec.commandLine(), "--dir " + e.getMessage());
                }
                return run(files, built, session);
            }
        }
    }

    private int run(ModuleFiles files, ModuleCatalog.Built built, Session session) throws IOException {
        try (Run run = runs.start(spec, common)) {
            for (Path file : inputFiles()) {
                run.input(file);
            }
            run.device(compute.device().summary());
            run.versions(compute.versions());
            run.result("module", ModuleCatalog.canonical(name));
            List<String> names = new ArrayList<>(built.outputs().keySet());
            List<Tensor> fetches = names.stream().map(built.outputs()::get).toList();
            try (Outputs values = session.run(files.feeds(), fetches)) {
                for (int i = 0; i < names.size(); i++) {
                    HostTensor value = values.get(i);
                    String file = "output." + names.get(i) + ".npy";
                    run.write(file, stream -> Npy.write(stream, ModuleFiles.toNpy(value)));
                    run.result("shape_" + names.get(i), value.shape().toString());
                    spec.commandLine().getOut().println(names.get(i) + " " + value.shape() + ": " + run.output(file));
                }
            }
            run.succeeded();
        }
        return ExitCode.OK;
    }

    /** meta.json, the inputs and the weights, in name order. */
    private List<Path> inputFiles() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(file -> {
                String f = file.getFileName().toString();
                return f.equals("meta.json") || (f.endsWith(".npy") && (f.startsWith("input.") || f.startsWith("param.")));
            }).sorted().toList();
        }
    }
}
