package io.timelapse.platform.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code timelapse plugins}: each plugin's id, version, state, and what it provides and needs. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List installed plugins with their version, state, and what they provide and need.")
final class PluginsCommand implements Callable<Integer> {

    private final InstalledPlugins installed;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    PluginsCommand(InstalledPlugins installed) {
        this.installed = installed;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        List<PluginInfo> plugins = installed.plugins();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(plugins));
        } else {
            printTable(plugins, out);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void printTable(List<PluginInfo> plugins, PrintWriter out) {
        if (plugins.isEmpty()) {
            out.println("No plugins installed. Put plugin jars in the distribution's plugins/ folder or pass --plugins DIR.");
            return;
        }
        String format = "%-16s %-10s %-10s %s%n";
        out.printf(format, "ID", "VERSION", "STATE", "PROVIDES / NEEDS");
        for (PluginInfo plugin : plugins) {
            out.printf(format, plugin.id(), plugin.version(), plugin.state(), "provides: " + joined(plugin.provides()));
            out.printf(format, "", "", "", "needs: " + joined(plugin.needs()));
            if (!plugin.missing().isEmpty()) {
                out.printf(format, "", "", "", "missing: " + String.join("; ", plugin.missing()));
            }
        }
    }

    private static String joined(List<String> items) {
        return items.isEmpty() ? "-" : String.join(", ", items);
    }
}
