package io.timelapse.platform.shell;

import picocli.CommandLine.Command;

/**
 * A group ({@code timelapse <plugin>} or {@code timelapse bench}): it runs nothing itself, so a
 * command line that stops at it is a usage error naming its commands.
 */
@Command(mixinStandardHelpOptions = true)
final class PluginGroupCommand {}
