package io.timelapse.lib.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void theCpuModelIsTheFirstModelNameOfCpuinfo() {
        List<String> cpuinfo = List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "model\t\t: 1",
                "model name\t: AMD EPYC   7B13 64-Core Processor", "processor\t: 1", "model name\t: something else");
        assertEquals("AMD EPYC 7B13 64-Core Processor", Machine.cpuModel(cpuinfo));
    }

    @Test
    void anArmCpuinfoNamesItsModelAndOneWithoutAModelNamesNone() {
        assertEquals("Raspberry Pi 4 Model B Rev 1.4", Machine.cpuModel(List.of("CPU part\t: 0xd08", "Model\t\t: Raspberry Pi 4 Model B Rev 1.4")));
        assertNull(Machine.cpuModel(List.of("processor\t: 0", "model name\t:   ")));
    }

    @Test
    void theMachineSaysItsCoresInWords() {
        assertEquals("AMD EPYC, 2 cores", new Machine("AMD EPYC", 2).toString());
        assertEquals("Apple M1, 1 core", new Machine("Apple M1", 1).toString());
        assertTrue(Machine.current().cores() >= 1);
    }
}
