package io.timelapse.lib.npy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt and truncated files fail with messages that name the file and the field. */
class NpyCorruptInputTest {

    @TempDir
    Path tmp;

    private final byte[] good = NpyReadWriteTest.resource("dtype_i8.npy");

    private void assertRejected(String name, byte[] bytes, String... fragments) throws IOException {
        Path path = tmp.resolve(name);
        Files.write(path, bytes);
        for (var reader : new NpyReader[] {Npy::read, Npy::map, p -> Npy.read(Files.readAllBytes(p), p.toString()),
            p -> Npy.read(Files.newInputStream(p), p.toString())}) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> reader.read(path));
            assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
            for (String fragment : fragments) {
                assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' missing from: " + e.getMessage());
            }
        }
    }

    @FunctionalInterface
    interface NpyReader {
        NpyArray read(Path path) throws IOException;
    }

    private byte[] withHeader(String dict) {
        byte[] header = dict.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + header.length + 40];
        System.arraycopy(NpyHeader.MAGIC, 0, out, 0, 6);
        out[6] = 1;
        out[8] = (byte) header.length;
        out[9] = (byte) (header.length >>> 8);
        System.arraycopy(header, 0, out, 10, header.length);
        return out;
    }

    @Test
    void badMagic() throws IOException {
        byte[] bytes = good.clone();
        bytes[1] = 'X';
        assertRejected("magic.npy", bytes, "magic");
        assertRejected("zip.npy", "PK\u0003\u0004 not an npy at all".getBytes(StandardCharsets.ISO_8859_1), "magic");
    }

    @Test
    void badVersion() throws IOException {
        byte[] bytes = good.clone();
        bytes[6] = 4;
        assertRejected("version.npy", bytes, "version 4.0");
        bytes[6] = 1;
        bytes[7] = 1;
        assertRejected("minor.npy", bytes, "version 1.1");
    }

    @Test
    void truncatedAnywhere() throws IOException {
        assertRejected("empty.npy", new byte[0], "truncated magic");
        assertRejected("cut-length.npy", Arrays.copyOf(good, 9), "header length");
        assertRejected("cut-header.npy", Arrays.copyOf(good, 60), "header dict");
        assertRejected("cut-data.npy", Arrays.copyOf(good, good.length - 3), "truncated", "[5]", "40 data bytes");
    }

    @Test
    void trailingBytes() throws IOException {
        assertRejected("trailing.npy", Arrays.copyOf(good, good.length + 8), "trailing");
    }

    @Test
    void headerKeysAndValues() throws IOException {
        assertRejected("nodescr.npy", withHeader("{'fortran_order': False, 'shape': (5,), }"), "'descr'");
        assertRejected("noshape.npy", withHeader("{'descr': '<i8', 'fortran_order': False, }"), "'shape'");
        assertRejected("extra.npy", withHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (5,), 'x': 1}"), "unexpected keys");
        assertRejected("dtype.npy", withHeader("{'descr': '<c16', 'fortran_order': False, 'shape': (5,), }"), "'descr'", "<c16");
        assertRejected("struct.npy", withHeader("{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (5,), }"),
                "structured");
        assertRejected("order.npy", withHeader("{'descr': '<i8', 'fortran_order': 0, 'shape': (5,), }"), "'fortran_order'");
        assertRejected("negative.npy", withHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (-5,), }"), "'shape'");
        assertRejected("syntax.npy", withHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (5,"), "header dict");
        assertRejected("notdict.npy", withHeader("[1, 2]"), "not a dict");
    }
}
