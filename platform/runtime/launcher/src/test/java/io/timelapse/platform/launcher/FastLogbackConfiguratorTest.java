package io.timelapse.platform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

class FastLogbackConfiguratorTest {

    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    @Test
    void logLinesCarryNoStackTraceUnlessDebugging() {
        assertEquals(PATTERN + "%nopex", FastLogbackConfigurator.pattern(PATTERN, Level.INFO));
        assertEquals(PATTERN + "%nopex", FastLogbackConfigurator.pattern(PATTERN, Level.WARN));
        assertEquals(PATTERN, FastLogbackConfigurator.pattern(PATTERN, Level.DEBUG));
        assertEquals(PATTERN, FastLogbackConfigurator.pattern(PATTERN, Level.TRACE));
    }
}
