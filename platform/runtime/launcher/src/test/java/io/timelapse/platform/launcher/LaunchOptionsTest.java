package io.timelapse.platform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void pluginFoldersInBothSpellingsAnywhereOnTheLine() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--plugins", "a", "pythia", "info", "--plugins=b", "x.idx"});
        assertEquals(List.of(Path.of("a"), Path.of("b")), options.pluginDirectories());
    }

    @Test
    void logLevelAndQuiet() {
        assertEquals("INFO", LaunchOptions.parse(new String[] {"plugins"}).effectiveLogLevel());
        assertEquals("WARN", LaunchOptions.parse(new String[] {"plugins", "-q"}).effectiveLogLevel());
        assertEquals("DEBUG", LaunchOptions.parse(new String[] {"plugins", "--quiet", "--log-level", "debug"}).effectiveLogLevel());
        assertEquals("TRACE", LaunchOptions.parse(new String[] {"--log-level=trace"}).effectiveLogLevel());
    }

    @Test
    void argumentsAfterDoubleDashAreNotOptions() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"pythia", "tokenize", "--", "--quiet", "--plugins", "x"});
        assertFalse(options.quiet());
        assertTrue(options.pluginDirectories().isEmpty());
    }
}
