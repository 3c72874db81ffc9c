package io.timelapse.lib.checkpoint;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a checkpoint records about itself, stored as safetensors {@code __metadata__} strings.
 *
 * @param step the number of completed training steps
 * @param configHash {@link ConfigHash} of the run's configuration
 * @param formatVersion the checkpoint layout version ({@link #FORMAT_VERSION} when written here)
 * @param created when the checkpoint was written
 * @param dataChecksum CRC32C of every tensor's bytes, tensors in name order, as 8 hex digits
 */
public record CheckpointMetadata(long step, String configHash, int formatVersion, Instant created, String dataChecksum) {

    public static final int FORMAT_VERSION = 1;
    public static final String FORMAT = "timelapse-checkpoint";

    static final String KEY_FORMAT = "format";
    static final String KEY_VERSION = "format_version";
    static final String KEY_STEP = "step";
    static final String KEY_CONFIG = "config_sha256";
    static final String KEY_CREATED = "created";
    static final String KEY_CHECKSUM = "data_crc32c";

    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(KEY_FORMAT, FORMAT);
        map.put(KEY_VERSION, Integer.toString(formatVersion));
        map.put(KEY_STEP, Long.toString(step));
        map.put(KEY_CONFIG, configHash);
        map.put(KEY_CREATED, created.toString());
        map.put(KEY_CHECKSUM, dataChecksum);
        return map;
    }

    /** Reads and checks the entries {@link #toMap()} writes; {@code source} names the file in errors. */
    public static CheckpointMetadata fromMap(String source, Map<String, String> map) throws CheckpointException {
        String format = map.get(KEY_FORMAT);
        if (!FORMAT.equals(format)) {
            throw new CheckpointException(source, "metadata field " + KEY_FORMAT + " is " + (format == null ? "missing" : "'" + format + "'")
                    + ", expected '" + FORMAT + "' (a safetensors file, but not a Timelapse checkpoint)");
        }
        int version = (int) number(source, map, KEY_VERSION);
        if (version != FORMAT_VERSION) {
            throw new CheckpointException(source, "metadata field " + KEY_VERSION + " is " + version
                    + "; this version of Timelapse reads checkpoint format " + FORMAT_VERSION);
        }
        long step = number(source, map, KEY_STEP);
        if (step < 0) {
            throw new CheckpointException(source, "metadata field " + KEY_STEP + " is negative: " + step);
        }
        String config = required(source, map, KEY_CONFIG);
        if (!config.matches("[0-9a-f]{64}")) {
            throw new CheckpointException(source, "metadata field " + KEY_CONFIG + " is not 64 lower-case hex digits: '" + config + "'");
        }
        Instant created;
        try {
            created = Instant.parse(required(source, map, KEY_CREATED));
        } catch (DateTimeParseException e) {
            throw new CheckpointException(source, "metadata field " + KEY_CREATED + " is not an ISO-8601 instant: '"
                    + map.get(KEY_CREATED) + "'", e);
        }
        String checksum = required(source, map, KEY_CHECKSUM);
        if (!checksum.matches("[0-9a-f]{8}")) {
            throw new CheckpointException(source, "metadata field " + KEY_CHECKSUM + " is not 8 lower-case hex digits: '" + checksum + "'");
        }
        return new CheckpointMetadata(step, config, version, created, checksum);
    }

    private static String required(String source, Map<String, String> map, String key) throws CheckpointException {
        String value = map.get(key);
        if (value == null) {
            throw new CheckpointException(source, "metadata field " + key + " is missing");
        }
        return value;
    }

    private static long number(String source, Map<String, String> map, String key) throws CheckpointException {
        String value = required(source, map, key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CheckpointException(source, "metadata field " + key + " is not an integer: '" + value + "'");
        }
    }
}
