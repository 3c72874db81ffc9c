package io.timelapse.platform.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The few options the launcher needs before the framework starts. The shell parses the same command
 * line again with picocli and owns the help text and error messages for these options.
 */
record LaunchOptions(List<Path> pluginDirectories, String logLevel, boolean quiet) {

    static LaunchOptions parse(String[] args) {
        List<Path> plugins = new ArrayList<>();
        String logLevel = null;
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String next = i + 1 < args.length ? args[i + 1] : null;
            if (arg.equals("--")) {
                break;
            } else if (arg.equals("--plugins") && next != null) {
                plugins.add(Path.of(next));
                i++;
            } else if (arg.startsWith("--plugins=")) {
                plugins.add(Path.of(arg.substring("--plugins=".length())));
            } else if (arg.equals("--log-level") && next != null) {
                logLevel = next;
                i++;
            } else if (arg.startsWith("--log-level=")) {
                logLevel = arg.substring("--log-level=".length());
            } else if (arg.equals("-q") || arg.equals("--quiet")) {
                quiet = true;
            }
        }
        return new LaunchOptions(List.copyOf(plugins), logLevel, quiet);
    }

    /** The effective log level: an explicit one wins, {@code --quiet} means warnings and errors. */
    String effectiveLogLevel() {
        if (logLevel != null) {
            return logLevel.toUpperCase(java.util.Locale.ROOT);
        }
        return quiet ? "WARN" : "INFO";
    }
}
