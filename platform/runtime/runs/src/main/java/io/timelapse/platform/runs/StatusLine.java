package io.timelapse.platform.runs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The bottom line of a terminal, where a progress bar lives. Everything else written to the same
 * terminal goes above it: the line is erased before other output and drawn again after it, so a
 * bar and a log line never share a line.
 */
final class StatusLine {

    private static final String ERASE = "\r\033[2K";
    private static StatusLine installed;

    private final PrintStream terminal;
    private final int width;
    private PrintStream originalOut;
    private PrintStream originalErr;
    private String text = "";
    private boolean drawn;
    private boolean midLine;

    StatusLine(PrintStream terminal, int width) {
        this.terminal = terminal;
        this.width = width;
    }

    /**
     * Takes over the process's terminal while a bar is shown: standard output and error are routed
     * through {@link #above}. Null when another bar has it already.
     */
    static synchronized StatusLine install() {
        if (installed != null) {
            return null;
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        installed = new StatusLine(err, terminalWidth());
        System.setOut(installed.above(out));
        System.setErr(installed.above(err));
        installed.originalOut = out;
        installed.originalErr = err;
        return installed;
    }

    /** Clears the line for good and gives the terminal back. */
    void release() {
        synchronized (StatusLine.class) {
            synchronized (this) {
                erase();
                text = "";
            }
            if (installed == this) {
                System.setOut(originalOut);
                System.setErr(originalErr);
                installed = null;
            }
        }
    }

    /** Shows {@code line} as the status, cut to the terminal's width. */
    synchronized void show(String line) {
        text = line.length() >= width ? line.substring(0, width - 1) : line;
        if (!midLine) {
            terminal.print(ERASE + text);
            terminal.flush();
            drawn = true;
        }
    }

    /** Leaves {@code line} on the terminal as an ordinary line, above the status line. */
    synchronized void print(String line) {
        erase();
        terminal.println(line);
        terminal.flush();
        text = "";
    }

    /** A stream to the same terminal whose output goes above the status line. */
    PrintStream above(PrintStream target) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (length > 0) {
                    passAbove(target, bytes, offset, length);
                }
            }

            @Override
            public void flush() {
                target.flush();
            }
        }, true);
    }

    private synchronized void passAbove(PrintStream target, byte[] bytes, int offset, int length) {
        erase();
        target.write(bytes, offset, length);
        target.flush();
        midLine = bytes[offset + length - 1] != '\n';
        if (!midLine && !text.isEmpty()) {
            show(text);
        }
    }

    private void erase() {
        if (drawn) {
            terminal.print(ERASE);
            terminal.flush();
            drawn = false;
        }
    }

    private static int terminalWidth() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim());
            return columns > 20 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
