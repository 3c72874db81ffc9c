package io.timelapse.lib.npy;

import io.timelapse.lib.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Reads and writes NumPy's {@code .npz} archives: a zip of {@code .npy} files, stored or deflated. */
public final class Npz {

    private static final String SUFFIX = ".npy";
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {}

    /** Every {@code .npy} entry, keyed by its name without the suffix, in archive order. */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = open(file)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(SUFFIX)) {
                    continue;
                }
                String source = file + "!" + entry.getName();
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(entry.getName().substring(0, entry.getName().length() - SUFFIX.length()), Npy.read(in, source));
                } catch (ZipException e) {
                    throw new NpyFormatException(source, "corrupt zip entry: " + e.getMessage(), e);
                }
            }
        }
        return arrays;
    }

    /** One array by name (without the {@code .npy} suffix). */
    public static NpyArray read(Path file, String name) throws IOException {
        try (ZipFile zip = open(file)) {
            ZipEntry entry = zip.getEntry(name + SUFFIX);
            if (entry == null) {
                throw new NpyFormatException(file.toString(), "no array named '" + name + "'");
            }
            String source = file + "!" + entry.getName();
            try (InputStream in = zip.getInputStream(entry)) {
                return Npy.read(in, source);
            } catch (ZipException e) {
                throw new NpyFormatException(source, "corrupt zip entry: " + e.getMessage(), e);
            }
        }
    }

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new NpyFormatException(file.toString(), "not a readable zip archive: " + e.getMessage(), e);
        }
    }

    /** Writes the arrays atomically, uncompressed like {@code numpy.savez}. */
    public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
        write(file, arrays, false);
    }

    /** Writes the arrays atomically; {@code compressed} deflates them like {@code numpy.savez_compressed}. */
    public static void write(Path file, Map<String, NpyArray> arrays, boolean compressed) throws IOException {
        AtomicFiles.write(file, out -> write(out, arrays, compressed));
    }

    public static void write(OutputStream out, Map<String, NpyArray> arrays, boolean compressed) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, NpyArray> named : arrays.entrySet()) {
            NpyArray array = named.getValue();
            ZipEntry entry = new ZipEntry(named.getKey() + SUFFIX);
            // numpy's date for every entry: the same arrays make the same file, whenever and wherever they are written.
            entry.setTimeLocal(ENTRY_TIME);
            if (compressed) {
                entry.setMethod(ZipEntry.DEFLATED);
            } else {
                entry.setMethod(ZipEntry.STORED);
                CrcCounter counter = new CrcCounter();
                Npy.write(counter, array);
                entry.setSize(counter.count);
                entry.setCompressedSize(counter.count);
                entry.setCrc(counter.crc.getValue());
            }
            zip.putNextEntry(entry);
            Npy.write(zip, array);
            zip.closeEntry();
        }
        zip.finish();
    }

    /** Measures the size and CRC a stored entry must declare before its bytes are written. */
    private static final class CrcCounter extends OutputStream {
        final CRC32 crc = new CRC32();
        long count;

        @Override
        public void write(int b) {
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
        }
    }
}
