package io.timelapse.platform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OneLineTest {

    @Test
    void aMultiLineMessageBecomesOneLine() {
        assertEquals("bundle wiring is no longer valid; for io.timelapse.runs (--log-level DEBUG shows the details)",
                OneLine.of(new NoClassDefFoundError("bundle wiring is no longer valid\n  for io.timelapse.runs")));
    }

    @Test
    void anErrorWithoutMessageIsNamedByItsType() {
        assertEquals("NullPointerException (--log-level DEBUG shows the details)", OneLine.of(new NullPointerException()));
    }
}
