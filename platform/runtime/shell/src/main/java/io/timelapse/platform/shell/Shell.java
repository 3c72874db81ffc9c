package io.timelapse.platform.shell;

import picocli.CommandLine;

/** Builds the command tree from what is installed now and executes one command line. */
final class Shell {

    private final InstalledPlugins plugins;

    Shell(InstalledPlugins plugins) {
        this.plugins = plugins;
    }

    int execute(String[] args) {
        reportUnavailablePlugins();
        CommandLine root = new CommandTree(plugins).build(firstWord(args));
        root.setOut(StandardStreams.out());
        root.setErr(StandardStreams.err());
        try {
            return CommandExecution.execute(root, args, plugins::runService);
        } finally {
            // The writers flush themselves only at line ends: output that ends without one (decoded text) would be lost.
            root.getOut().flush();
            root.getErr().flush();
        }
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
}
