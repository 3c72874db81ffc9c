package io.timelapse.lib.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void numbersHaveFourSignificantDigitsAndNoExponent() {
        assertEquals("3.382", Table.number(3.38249));
        assertEquals("41250", Table.number(41249.7));
        assertEquals("0.004213", Table.number(0.0042131));
        assertEquals("2", Table.number(2.0));
        assertEquals("NaN", Table.number(Double.NaN));
    }

    @Test
    void printedColumnsAreAlignedAndMarkdownEscapesBars() {
        Table table = new Table(List.of("metric", "ours")).row(List.of("mlp_step", "3.4")).row(List.of("a|b", "12.25"));
        StringWriter text = new StringWriter();
        table.print(new PrintWriter(text));
        assertEquals("metric    ours\nmlp_step  3.4\na|b       12.25\n", text.toString().replace(System.lineSeparator(), "\n"));
        assertEquals("| metric | ours |\n| --- | --- |\n| mlp_step | 3.4 |\n| a\\|b | 12.25 |\n", table.markdown());
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Table(List.of("a", "b")).row(List.of("1")));
    }
}
