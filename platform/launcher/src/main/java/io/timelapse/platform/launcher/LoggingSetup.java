package io.timelapse.platform.launcher;

import java.nio.file.Path;

/**
 * Points Logback at {@code conf/logback.xml} and sets the level, before the first logger exists.
 * Logback lives on the class path and SLF4J is exported into the framework, so bundles log through
 * the same configuration.
 */
final class LoggingSetup {

    static final String LEVEL_PROPERTY = "timelapse.log.level";

    private LoggingSetup() {}

    static void configure(Distribution distribution, LaunchOptions options) {
        System.setProperty(LEVEL_PROPERTY, options.effectiveLogLevel());
        Path config = distribution.confFile("logback.xml");
        if (config != null && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", config.toString());
        }
    }
}
