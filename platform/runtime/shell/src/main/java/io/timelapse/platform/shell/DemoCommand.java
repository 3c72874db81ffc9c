package io.timelapse.platform.shell;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code timelapse demo}: runs the {@code demo} command of every installed plugin, one after another. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the demo of every installed plugin on its embedded data.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        PrintWriter out = spec.commandLine().getOut();
        List<String> failed = new ArrayList<>();
        int demos = 0;
        for (CommandLine plugin : root.getSubcommands().values()) {
            CommandLine demo = plugin.getSubcommands().get("demo");
            if (demo == null || plugin.getCommandSpec().userObject() instanceof DemoCommand) {
                continue;
            }
            demos++;
            String id = plugin.getCommandName();
            out.println("== " + id + " demo");
            out.flush();
            // Executed on the plugin's own command line, so each demo's run records both its own
            // command line and the one the user typed.
            int code = plugin.execute(demoArguments(id));
            if (code != ExitCode.OK) {
                failed.add(id + " (exit " + code + ")");
            }
        }
        if (demos == 0) {
            out.println("No installed plugin has a demo. Put plugin jars in plugins/ or pass --plugins DIR.");
        } else {
            out.println(failed.isEmpty() ? "All " + demos + " demos succeeded." : "Failed demos: " + String.join(", ", failed));
        }
        out.flush();
        return failed.isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
    }

    /**
     * The demo's arguments: {@code --seed} only when the user gave one, so each demo uses the seed it
     * uses on its own ({@code timelapse <plugin> demo}), and the same results come out of both.
     */
    private String[] demoArguments(String plugin) {
        List<String> args = new ArrayList<>(List.of("demo"));
        if (spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
            args.addAll(List.of("--seed", Long.toString(common.seed())));
        }
        if (common.out() != null) {
            args.addAll(List.of("--out", common.out().resolve(plugin).toString()));
        }
        if (common.quiet()) {
            args.add("--quiet");
        }
        return args.toArray(String[]::new);
    }
}
