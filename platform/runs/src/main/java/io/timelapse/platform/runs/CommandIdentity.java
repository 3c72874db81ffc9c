package io.timelapse.platform.runs;

import picocli.CommandLine.Model.CommandSpec;

/** Which plugin and command a run belongs to, read from the command's place in the command tree. */
record CommandIdentity(String plugin, String command) {

    static CommandIdentity of(CommandSpec spec) {
        CommandSpec parent = spec.parent();
        boolean underPlugin = parent != null && parent.parent() != null;
        return new CommandIdentity(underPlugin ? parent.name() : "timelapse", spec.name());
    }

    String slug() {
        return plugin + "-" + command;
    }
}
