package io.timelapse.platform.shell;

import io.timelapse.api.cli.ExitCode;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Builds the command tree from what is installed now and executes one command line. */
final class Shell {

    private static final Logger LOG = LoggerFactory.getLogger(Shell.class);

    private final InstalledPlugins plugins;

    Shell(InstalledPlugins plugins) {
        this.plugins = plugins;
    }

    int execute(String[] args) {
        reportUnavailablePlugins();
        CommandLine commandLine;
        try {
            commandLine = new CommandTree(plugins).build(ConfigDefaults.from(args), firstWord(args));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            LOG.debug("command failed", e);
            cl.getErr().println("error: " + describe(e));
            return ExitCode.FAILURE;
        });
        return commandLine.execute(args);
    }

    /** The command a line addresses: its first word that is neither an option nor a root option's value. */
    static String firstWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--plugins") || arg.equals("--config") || arg.equals("--log-level")) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    /** One line per plugin that did not come up, naming what it lacks; the others keep working. */
    private void reportUnavailablePlugins() {
        for (PluginInfo plugin : plugins.plugins()) {
            if (!plugin.active()) {
                System.err.println(plugin.problem());
            }
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
