package io.timelapse.lib.checkpoint;

import io.timelapse.lib.files.Sha256;
import java.util.Map;
import java.util.TreeMap;

/** The SHA-256 of a canonical configuration string, which ties a checkpoint to the run that wrote it. */
public final class ConfigHash {

    private ConfigHash() {}

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code canonicalConfig}. */
    public static String of(String canonicalConfig) {
        return Sha256.of(canonicalConfig);
    }

    /** Hashes {@link #canonical(Map)} of {@code config}. */
    public static String of(Map<String, ?> config) {
        return of(canonical(config));
    }

    /** One {@code key=value} line per entry, keys sorted, values by {@code String.valueOf}. */
    public static String canonical(Map<String, ?> config) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, ?> entry : new TreeMap<>(config).entrySet()) {
            String key = entry.getKey();
            if (key.indexOf('=') >= 0 || key.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("config key '" + key + "' may not contain '=' or a line break");
            }
            String value = String.valueOf(entry.getValue());
            if (value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("config value of '" + key + "' may not contain a line break");
            }
            text.append(key).append('=').append(value).append('\n');
        }
        return text.toString();
    }
}
