package io.timelapse.plugin.openfold.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the golden .npy fixtures copied into test resources. Test-only: a minimal reader for C-order
 * little-endian float32/int32/float64/int64 arrays, until the platform NPY library exists.
 */
public final class Fixtures {

    /** A loaded array: shape and values widened to double. */
    public record Array(int[] shape, double[] data) {
        public int size() {
            return data.length;
        }

        public double get(int... index) {
            int flat = 0;
            for (int i = 0; i < index.length; i++) {
                flat = flat * shape[i] + index[i];
            }
            return data[flat];
        }

        public float[] toFloats() {
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) data[i];
            }
            return f;
        }

        public int[] toInts() {
            int[] v = new int[data.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (int) data[i];
            }
            return v;
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Fixtures() {}

    public static Array load(String fixture, String name) {
        String resource = "/fixtures/" + fixture + "/" + name + ".npy";
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            return parse(in.readAllBytes(), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path resourcePath(String relative) {
        try {
            return Path.of(Fixtures.class.getResource("/" + relative).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Array parse(byte[] bytes, String name) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLen;
        int offset;
        if (major == 1) {
            headerLen = buf.getShort(8) & 0xffff;
            offset = 10;
        } else {
            headerLen = buf.getInt(8);
            offset = 12;
        }
        String header = new String(bytes, offset, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find() || header.contains("'fortran_order': True")) {
            throw new IllegalArgumentException(name + ": unsupported npy header " + header);
        }
        String[] dims = s.group(1).split(",");
        int count = 0;
        for (String dim : dims) {
            if (!dim.isBlank()) {
                count++;
            }
        }
        int[] shape = new int[count];
        int size = 1;
        int k = 0;
        for (String dim : dims) {
            if (!dim.isBlank()) {
                shape[k] = Integer.parseInt(dim.trim());
                size *= shape[k++];
            }
        }
        buf.position(offset + headerLen);
        double[] data = new double[size];
        String descr = d.group(1);
        for (int i = 0; i < size; i++) {
            switch (descr) {
                case "<f4": data[i] = buf.getFloat(); break;
                case "<f8": data[i] = buf.getDouble(); break;
                case "<i4": data[i] = buf.getInt(); break;
                case "<i8": data[i] = buf.getLong(); break;
                default: throw new IllegalArgumentException(name + ": unsupported dtype " + descr);
            }
        }
        return new Array(shape, data);
    }

    public static void assertClose(double[] expected, double[] actual, double atol, double rtol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tol = atol + rtol * Math.abs(expected[i]);
            double diff = Math.abs(expected[i] - actual[i]);
            assertTrue(diff <= tol, what + "[" + i + "]: expected " + expected[i] + " got " + actual[i]);
        }
    }

    public static void assertClose(double[] expected, float[] actual, double atol, double rtol, String what) {
        double[] widened = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            widened[i] = actual[i];
        }
        assertClose(expected, widened, atol, rtol, what);
    }

    public static void assertExactInts(double[] expected, int[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals((int) expected[i], actual[i], what + "[" + i + "]");
        }
    }
}
