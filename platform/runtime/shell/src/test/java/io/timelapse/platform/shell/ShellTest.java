package io.timelapse.platform.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ShellTest {

    @Test
    void firstWordSkipsOptionsAndRootOptionValues() {
        assertEquals("pythia", Shell.firstWord(new String[] {"--plugins", "extra", "pythia", "info", "x.idx"}));
        assertEquals("demo", Shell.firstWord(new String[] {"-q", "--log-level", "DEBUG", "demo"}));
        assertNull(Shell.firstWord(new String[] {"--help"}));
        assertNull(Shell.firstWord(new String[0]));
    }
}
