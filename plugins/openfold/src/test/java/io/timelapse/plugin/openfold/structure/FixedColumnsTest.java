package io.timelapse.plugin.openfold.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedColumnsTest {

    @Test
    void decimalsAreTheDoublesParseDoubleGives() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            String text = String.format(java.util.Locale.ROOT, "%8.3f", (random.nextDouble() - 0.5) * 2000);
            String line = "ATOM  " + text + "  ";
            assertEquals(Double.parseDouble(text.trim()), FixedColumns.decimal(line, 6, 14), text);
        }
        assertEquals(1.0, FixedColumns.decimal("  1.00", 0, 6));
        assertEquals(-0.5, FixedColumns.decimal(" -.5  ", 0, 6));
        assertEquals(12.0, FixedColumns.decimal("  12", 0, 8), "a line may end before the columns do");
    }

    @Test
    void otherNumbersGoToParseDoubleAndNonNumbersAreRefused() {
        assertEquals(1.5e3, FixedColumns.decimal(" 1.5E3", 0, 6));
        assertThrows(NumberFormatException.class, () -> FixedColumns.decimal("  1.2.3", 0, 7));
        assertThrows(NumberFormatException.class, () -> FixedColumns.decimal("      ", 0, 6));
        assertEquals(-17, FixedColumns.integer("  -17 ", 0, 6));
    }
}
