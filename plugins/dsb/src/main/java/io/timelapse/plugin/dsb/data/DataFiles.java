package io.timelapse.plugin.dsb.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads a whole data file, gunzipping it when it starts with the gzip magic {@code 1f 8b}. */
public final class DataFiles {

    private DataFiles() {}

    public static byte[] readAll(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
        return gunzipIfNeeded(raw, file.toString());
    }

    /** {@code raw} itself, or its gunzipped content when it starts with {@code 1f 8b}; errors name {@code source}. */
    public static byte[] gunzipIfNeeded(byte[] raw, String source) throws IOException {
        if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IOException(source + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }
}
