package io.timelapse.plugin.openfold.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationLogTest {

    @TempDir
    Path tmp;

    /** A run evaluated at steps 10, 20 and 30, was killed, resumed from its checkpoint at step 20 and went on. */
    @Test
    void aResumedRunReplacesTheRowsFromItsResumePointOn() throws Exception {
        Path csv = tmp.resolve("eval.csv");
        EvaluationLog log = new EvaluationLog(csv);
        log.write(10, 0.1, 20);
        log.write(20, 0.2, 21);
        log.write(30, 0.3, 22);
        EvaluationLog resumed = new EvaluationLog(csv);
        resumed.write(30, 0.35, 23);
        resumed.write(40, 0.4, 24);
        assertEquals(List.of("step,lddt_ca,mean_plddt", "10,0.100000,20.0000", "20,0.200000,21.0000", "30,0.350000,23.0000",
                "40,0.400000,24.0000"), Files.readAllLines(csv));
        resumed.write(20, 0.25, 25);
        assertEquals(List.of("step,lddt_ca,mean_plddt", "10,0.100000,20.0000", "20,0.250000,25.0000"), Files.readAllLines(csv));
    }
}
