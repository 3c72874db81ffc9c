package io.timelapse.lib.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesOnlyFieldsThatNeedIt() {
        assertEquals("pythia-70m step1000", Csv.quote("pythia-70m step1000"));
        assertEquals("\"a,b\"", Csv.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.quote("two\nlines"));
        assertEquals("\"carriage\rreturn\"", Csv.quote("carriage\rreturn"));
        assertEquals("", Csv.quote(""));
    }

    @Test
    void splitReadsBackWhatQuoteWrote() {
        List<String> fields = List.of("step", "a,b", "say \"hi\"", "cr\r", "", "lf\n");
        String line = String.join(",", fields.stream().map(Csv::quote).toList());
        assertEquals("step,\"a,b\",\"say \"\"hi\"\"\",\"cr\r\",,\"lf\n\"", line);
        assertEquals(fields, Csv.split(line));
    }
}
