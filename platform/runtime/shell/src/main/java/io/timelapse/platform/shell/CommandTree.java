package io.timelapse.platform.shell;

import io.timelapse.api.plugin.CommandFactory;
import io.timelapse.platform.shell.cluster.Cluster;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Assembles {@code timelapse}, its built-in commands, and one sub-command per plugin. Only the
 * plugin a command line addresses gets its commands created (each costs an injection and picocli's
 * reflection); the others appear as groups, which is all {@code --help} and {@code plugins} need.
 * Plugins' commands in a shared group ({@code timelapse bench dsb}) are created when that group is addressed.
 */
final class CommandTree {

    private static final Logger LOG = LoggerFactory.getLogger(CommandTree.class);

    /** What the groups that several bundles contribute to are for. */
    private static final Map<String, String> SHARED_GROUPS = Map.of(
            "bench", "Benchmarks, each measured side by side with its reference implementation in the same run.");

    private final InstalledPlugins installed;

    CommandTree(InstalledPlugins installed) {
        this.installed = installed;
    }

    /** {@code target} is the first word of the command line, or null; {@code demo} needs every plugin. */
    CommandLine build(String target) {
        CommandLine root = new CommandLine(new TimelapseCommand());
        root.getCommandSpec().versionProvider(new VersionReport(installed));
        root.addSubcommand(new CommandLine(new PluginsCommand(installed)));
        root.addSubcommand(new CommandLine(new DemoCommand()));
        root.addSubcommand(Cluster.commandLine(new ShellCommands(installed), installed::runService));
        for (Map.Entry<String, Map<String, CommandFactory>> plugin : installed.commands().entrySet()) {
            if (plugin.getKey().equals(InstalledPlugins.TOP_LEVEL)) {
                addCommands(root, "platform", plugin.getValue());
            } else {
                boolean wanted = plugin.getKey().equals(target) || "demo".equals(target);
                Map<String, CommandFactory> own = new LinkedHashMap<>();
                Map<String, CommandFactory> shared = new LinkedHashMap<>();
                plugin.getValue().forEach((path, factory) -> (inSharedGroup(path) ? shared : own).put(path, factory));
                root.addSubcommand(pluginGroup(plugin.getKey(), wanted ? own : Map.of()));
                shared.keySet().removeIf(path -> !path.startsWith(target + " "));
                addCommands(root, plugin.getKey(), shared);
            }
        }
        return root;
    }

    /** A plugin's command in a group shared with other bundles ({@code bench}) sits in that top-level group. */
    private static boolean inSharedGroup(String path) {
        int space = path.indexOf(' ');
        return space > 0 && SHARED_GROUPS.containsKey(path.substring(0, space));
    }

    private CommandLine pluginGroup(String id, Map<String, CommandFactory> commands) {
        CommandLine group = new CommandLine(new PluginGroupCommand());
        group.getCommandSpec().name(id);
        // picocli formats descriptions with String.format: a % in the plugin's text must stay a %.
        group.getCommandSpec().usageMessage().description(installed.description(id).replace("%", "%%"));
        addCommands(group, id, commands);
        return group;
    }

    private static void addCommands(CommandLine parent, String owner, Map<String, CommandFactory> commands) {
        for (Map.Entry<String, CommandFactory> entry : commands.entrySet()) {
            try {
                CommandLine command = new CommandLine(entry.getValue().create());
                CommandExecution.addCommonOptions(command.getCommandSpec());
                String path = entry.getKey();
                CommandLine target = path.contains(" ") ? group(parent, path.substring(0, path.indexOf(' '))) : parent;
                target.addSubcommand(command);
            } catch (RuntimeException e) {
                LOG.error("{}: command '{}' is not available: {}", owner, entry.getKey(), e.getMessage());
                LOG.debug("command creation failed", e);
            }
        }
    }

    /** The group command {@code name} under {@code parent}, created when the first of its commands arrives. */
    private static CommandLine group(CommandLine parent, String name) {
        CommandLine existing = parent.getSubcommands().get(name);
        if (existing != null) {
            return existing;
        }
        CommandLine group = new CommandLine(new PluginGroupCommand());
        group.getCommandSpec().name(name);
        group.getCommandSpec().usageMessage().description(SHARED_GROUPS.getOrDefault(name, "Commands that several bundles contribute under '" + name + "'."));
        parent.addSubcommand(group);
        return group;
    }
}
