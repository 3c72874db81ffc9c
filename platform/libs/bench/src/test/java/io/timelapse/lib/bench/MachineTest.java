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
    void theWidestVectorExtensionComesFromTheFirstFlagsLine() {
        String common = "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat sse sse2 ssse3 fma cx16 sse4_1 sse4_2";
        assertEquals("AVX-512", Machine.widestVectorExtension(List.of("model name\t: AMD EPYC 9B14", common + " avx avx2 avx512f avx512bw")));
        assertEquals("AVX2", Machine.widestVectorExtension(List.of("model name\t: AMD EPYC", common + " avx f16c avx2 bmi2", common + " avx512f")));
        assertEquals("SSE4.2", Machine.widestVectorExtension(List.of(common)));
        assertEquals("NEON", Machine.widestVectorExtension(List.of("Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid")));
        assertEquals("SVE", Machine.widestVectorExtension(List.of("Features\t: fp asimd sve sve2")));
        assertNull(Machine.widestVectorExtension(List.of("processor\t: 0", "flags\t\t: fpu vme")));
        assertNull(Machine.widestVectorExtension(List.of()));
    }

    @Test
    void theMachineSaysItsCoresInWords() {
        assertEquals("AMD EPYC, 2 cores", new Machine("AMD EPYC", 2).toString());
        assertEquals("Apple M1, 1 core", new Machine("Apple M1", 1).toString());
        assertTrue(Machine.current().cores() >= 1);
    }
}
