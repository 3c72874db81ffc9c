package io.timelapse.platform.runs;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Which plugin and command a run belongs to, read from the command's place in the tree:
 * {@code timelapse openfold dataset build} is plugin {@code openfold}, command {@code dataset build}.
 * A top-level command of the platform ({@code timelapse device}) belongs to {@code timelapse}.
 */
record CommandIdentity(String plugin, String command) {

    static CommandIdentity of(CommandSpec spec) {
        List<String> path = new ArrayList<>();
        for (CommandSpec current = spec; current.parent() != null; current = current.parent()) {
            path.add(0, current.name());
        }
        if (path.size() < 2) {
            return new CommandIdentity("timelapse", path.isEmpty() ? spec.name() : path.get(0));
        }
        return new CommandIdentity(path.get(0), String.join(" ", path.subList(1, path.size())));
    }

    /** The command as a user names it: {@code lm train}, {@code pythia index}. */
    String displayName() {
        return plugin.equals("timelapse") ? command : plugin + " " + command;
    }

    String slug() {
        return plugin + "-" + command.replace(' ', '-');
    }
}
