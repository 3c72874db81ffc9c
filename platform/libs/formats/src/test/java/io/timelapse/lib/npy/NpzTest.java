package io.timelapse.lib.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path tmp;

    private Path copy(String name) throws IOException {
        Path path = tmp.resolve(name);
        Files.write(path, NpyReadWriteTest.resource(name));
        return path;
    }

    @Test
    void readsNumpyStoredArchive() throws IOException {
        Map<String, NpyArray> arrays = Npz.read(copy("stored.npz"));
        assertEquals(List.of("a", "b"), List.copyOf(arrays.keySet()));
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, arrays.get("a").asLongArray());
        assertArrayEquals(new long[] {1, 2}, arrays.get("b").shape());
        assertArrayEquals(new float[] {1.5f, 2.5f}, arrays.get("b").asFloatArray());
    }

    @Test
    void readsNumpyDeflatedArchive() throws IOException {
        Path path = copy("deflated.npz");
        int[] tokens = Npz.read(path, "tokens").asIntArray();
        assertEquals(1000, tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            assertEquals(i, tokens[i]);
        }
        assertArrayEquals(new boolean[] {true, false}, Npz.read(path).get("flags").asBooleanArray());
        NpyFormatException missing = assertThrows(NpyFormatException.class, () -> Npz.read(path, "nope"));
        assertTrue(missing.getMessage().contains("'nope'"));
    }

    @Test
    void writesArchivesNumpyLayoutRoundTrips() throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("doc_idx", NpyArray.ofInts(new int[] {3, 1, 2, 0}));
        arrays.put("weights", NpyArray.ofDoubles(new double[] {0.25, 0.75}, 1, 2));
        for (boolean compressed : new boolean[] {false, true}) {
            Path out = tmp.resolve("out" + compressed + ".npz");
            Npz.write(out, arrays, compressed);
            Map<String, NpyArray> back = Npz.read(out);
            assertEquals(arrays.keySet(), back.keySet());
            for (String key : arrays.keySet()) {
                assertTrue(arrays.get(key).contentEquals(back.get(key)), key);
            }
        }
        // Each entry is a numpy-identical .npy file: the stored archive holds the exact bytes.
        byte[] stored = Files.readAllBytes(tmp.resolve("outfalse.npz"));
        byte[] entry = Npy.toBytes(arrays.get("doc_idx"));
        assertTrue(indexOf(stored, entry) > 0);
    }

    @Test
    void everyEntryCarriesNumpysFixedDateSoTheSameArraysAreTheSameFile() throws IOException {
        Path file = tmp.resolve("dated.npz");
        Npz.write(file, Map.of("a", NpyArray.ofInts(new int[] {1, 2})), true);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            assertEquals(java.time.LocalDateTime.of(1980, 1, 1, 0, 0), zip.getEntry("a.npy").getTimeLocal());
        }
    }

    @Test
    void corruptArchivesNameTheFile() throws IOException {
        byte[] bytes = NpyReadWriteTest.resource("stored.npz");
        Path cut = tmp.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> Npz.read(cut));
        assertTrue(e.getMessage().contains("cut.npz"), e.getMessage());

        // Corrupt the magic of the first stored entry: the error names the entry.
        byte[] damaged = bytes.clone();
        int at = indexOf(damaged, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'});
        damaged[at + 1] = 'X';
        Path bad = tmp.resolve("bad.npz");
        Files.write(bad, damaged);
        NpyFormatException npy = assertThrows(NpyFormatException.class, () -> Npz.read(bad));
        assertTrue(npy.getMessage().contains("bad.npz!a.npy") && npy.getMessage().contains("magic"), npy.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
