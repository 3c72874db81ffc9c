package io.timelapse.platform.launcher;

import java.nio.file.Path;

/**
 * Points Logback at the distribution's logging configuration and sets the level, before the first
 * logger exists: {@code conf/logback.xml} when a user provides one, else {@code conf/logging.properties}
 * through {@link FastLogbackConfigurator}. Logback lives on the class path and SLF4J is exported
 * into the framework, so bundles log through the same configuration.
 */
final class LoggingSetup {

    static final String LEVEL_PROPERTY = "timelapse.log.level";

    private LoggingSetup() {}

    static void configure(Distribution distribution, LaunchOptions options) {
        System.setProperty(LEVEL_PROPERTY, options.effectiveLogLevel());
        Path xml = distribution.confFile("logback.xml");
        if (xml != null && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", xml.toString());
        }
        System.setProperty(FastLogbackConfigurator.PROPERTIES_PROPERTY, distribution.conf().resolve("logging.properties").toString());
    }
}
