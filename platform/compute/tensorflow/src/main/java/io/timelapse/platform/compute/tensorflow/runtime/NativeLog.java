package io.timelapse.platform.compute.tensorflow.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TensorFlow's native start-up log, as records. Two formats arrive: Abseil's
 * ({@code E0000 00:00:1796402368.854113   15135 cuda_dnn.cc:8310] message}) and TensorFlow's own
 * ({@code 2026-12-04 16:39:29.064412: E external/…/cuda_driver.cc:152] message}); a line in neither
 * continues the record before it, or stands alone.
 */
record NativeLog(List<Entry> entries) {

    /**
     * One record. {@code severity} is I, W, E or F, or ? for output in no log format; {@code source}
     * is the file name and line, empty when unknown.
     */
    record Entry(char severity, String source, String message) {

        /** Start-up chatter: information, and the errors TensorFlow 2.18's GPU build always logs. */
        boolean chatter() {
            return severity == 'I' || message.equals(ABSL_PREAMBLE) || DUPLICATE_FACTORY.matcher(message).matches();
        }

        /** Logged by TensorFlow's GPU support, which also starts, and fails, when the CPU was asked for. */
        boolean aboutGpu() {
            return GPU_SOURCE.matcher(source).matches();
        }

        /** The message in quotes, then where it was logged: {@code "failed call to cuInit: …" (cuda_driver.cc:152)}. */
        String quoted() {
            return "\"" + message + "\"" + (source.isEmpty() ? "" : " (" + source + ")");
        }

        @Override
        public String toString() {
            return source.isEmpty() ? message : source + ": " + message;
        }
    }

    private static final Pattern ABSL = Pattern.compile("([IWEF])\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+\\s+\\d+ ([^\\s\\]]+)] ?(.*)");
    private static final Pattern TSL = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: ([IWEF]) ([^\\s\\]]+)] ?(.*)");
    private static final Pattern GPU_SOURCE = Pattern.compile("(?i).*(cuda|cudnn|cublas|cufft|gpu|rocm|dso_loader).*");
    private static final String ABSL_PREAMBLE = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";
    /** Each GPU plugin is registered twice by the GPU build; https://github.com/tensorflow/tensorflow/issues/62075. */
    private static final Pattern DUPLICATE_FACTORY = Pattern.compile(
            "Unable to register cu\\w+ factory: Attempting to register factory for plugin cu\\w+ when one has already been registered");

    static NativeLog parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\\R")) {
            Matcher record = match(line);
            if (record != null) {
                entries.add(new Entry(record.group(1).charAt(0), fileName(record.group(2)), record.group(3)));
            } else if (line.equals(ABSL_PREAMBLE)) {
                entries.add(new Entry('I', "", line));
            } else if (!line.isBlank()) {
                Entry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
                if (last != null && last.severity() != '?' && !last.message().equals(ABSL_PREAMBLE)) {
                    entries.set(entries.size() - 1, new Entry(last.severity(), last.source(), last.message() + "\n" + line));
                } else {
                    entries.add(new Entry('?', "", line));
                }
            }
        }
        return new NativeLog(List.copyOf(entries));
    }

    /** What TensorFlow warned about or failed at, beyond its usual chatter. */
    List<Entry> warnings() {
        return entries.stream().filter(entry -> !entry.chatter()).toList();
    }

    private static Matcher match(String line) {
        for (Pattern format : new Pattern[] {ABSL, TSL}) {
            Matcher matcher = format.matcher(line);
            if (matcher.matches()) {
                return matcher;
            }
        }
        return null;
    }

    private static String fileName(String source) {
        return source.substring(source.lastIndexOf('/') + 1);
    }
}
