package io.timelapse.plugin.pythia.bench;

/** A way a plugin or a user reads a batch of rows, and the numpy read it is compared with. */
public enum ReadWay {
    READ_ROWS_REUSED("read_rows_reused", "TrainingData.readRows -> reused int[]", Reference.INT64),
    READ_ROWS_FRESH("read_rows_fresh", "TrainingData.readRows -> new int[] per batch", Reference.INT64),
    READ_ROW_REUSED("read_row_reused", "TrainingData.readRow per row -> reused int[]", Reference.INT64),
    ROW_FRESH("row_fresh", "TrainingData.row per row -> new int[] per row", Reference.INT64),
    READ_ROW_RANDOM("read_row_random", "TrainingData.readRow at random rows -> reused int[]", Reference.FANCY_INT64),
    UINT16_REUSED("uint16_reused", "readRowsUint16 -> reused short[]", Reference.COPY),
    UINT16_FRESH("uint16_fresh", "readRowsUint16 -> new short[] per batch", Reference.COPY);

    /** The numpy reads: slice and copy, slice and {@code astype(int64)}, fancy index and {@code astype(int64)}. */
    public enum Reference {
        COPY("copy", "np.array(memmap[a:b])"),
        INT64("int64", "memmap[a:b].astype(int64)"),
        FANCY_INT64("fancy_int64", "memmap[rows].astype(int64)");

        private final String key;
        private final String code;

        Reference(String key, String code) {
            this.key = key;
            this.code = code;
        }

        public String key() {
            return key;
        }

        public String code() {
            return code;
        }
    }

    private final String key;
    private final String description;
    private final Reference reference;

    ReadWay(String key, String description, Reference reference) {
        this.key = key;
        this.description = description;
        this.reference = reference;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public Reference reference() {
        return reference;
    }

    /** Whether this way reads at rows picked at random rather than one step's batch. */
    public boolean random() {
        return reference == Reference.FANCY_INT64;
    }

    /** Whether only 16-bit data can be read this way. */
    public boolean uint16Only() {
        return reference == Reference.COPY;
    }
}
