package io.timelapse.platform.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.function.Supplier;

/**
 * Writers to whatever {@code System.out} and {@code System.err} are at the time of each write, not
 * when the writer was made: a progress bar reroutes them while it is shown, to keep its own line.
 */
final class StandardStreams {

    private StandardStreams() {}

    static PrintWriter out() {
        return writer(() -> System.out);
    }

    static PrintWriter err() {
        return writer(() -> System.err);
    }

    private static PrintWriter writer(Supplier<PrintStream> stream) {
        OutputStream current = new OutputStream() {
            @Override
            public void write(int b) {
                stream.get().write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                stream.get().write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                stream.get().flush();
            }
        };
        return new PrintWriter(new OutputStreamWriter(current, Charset.defaultCharset()), true);
    }
}
