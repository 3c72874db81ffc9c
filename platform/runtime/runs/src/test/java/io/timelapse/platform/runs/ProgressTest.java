package io.timelapse.platform.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final String ERASE = "\r\033[2K";
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final StatusLine line = new StatusLine(new PrintStream(terminal, true, StandardCharsets.UTF_8), 120);

    private String terminal() {
        return terminal.toString(StandardCharsets.UTF_8);
    }

    @Test
    void barShowsCountElapsedTimeEtaAndStatus() {
        TerminalProgressBar bar = new TerminalProgressBar("train", 280, line, clock::get);
        clock.addAndGet(40 * SECOND);
        bar.advance(80);
        bar.status("loss 2.314");
        assertEquals("train [========                      ] 80/280 40s, ETA 1m40s  loss 2.314", bar.text(clock.get(), false));
        assertTrue(terminal().endsWith(ERASE + "train [========                      ] 80/280 40s, ETA 1m40s  loss 2.314"), terminal());
    }

    @Test
    void otherOutputGoesOnItsOwnLineAboveTheBar() {
        TerminalProgressBar bar = new TerminalProgressBar("train", 280, line, clock::get);
        bar.advance(278);
        PrintStream log = line.above(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        log.print("checkpoint step 100\n");
        String shown = terminal();
        String barText = "train [=============================" + " ] 278/280 0s, ETA 0s";
        assertEquals(ERASE + barText + ERASE + "checkpoint step 100\n" + ERASE + barText, shown);
    }

    @Test
    void theBarWaitsWhileAnotherLineIsHalfWritten() {
        TerminalProgressBar bar = new TerminalProgressBar("scan", 10, line, clock::get);
        PrintStream out = line.above(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        out.print("rows: ");
        clock.addAndGet(SECOND);
        bar.advance(1);
        out.print("12\n");
        assertEquals("rows: 12\n" + ERASE + "scan [===                           ] 1/10 1s, ETA 9s", terminal());
    }

    @Test
    void closingLeavesTheFinalStateAsAnOrdinaryLine() {
        TerminalProgressBar bar = new TerminalProgressBar("scan", 4, line, clock::get);
        clock.addAndGet(65 * SECOND);
        bar.advance(4);
        bar.close();
        assertTrue(terminal().endsWith(ERASE + "scan [==============================] 4/4 1m05s\n"), terminal());
    }

    @Test
    void loggedProgressNamesElapsedAndRemainingTimeAndStatus() {
        LoggedProgress progress = new LoggedProgress("train", 280, clock::get);
        clock.addAndGet(40 * SECOND);
        progress.status("loss 2.314");
        assertEquals("train: 80/280 (28 %) after 40s, about 1m40s left; loss 2.314", progress.line(80, clock.get()));
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertEquals("42s", Durations.format(42.3));
        assertEquals("3m07s", Durations.format(187));
        assertEquals("1h04m", Durations.format(3840));
        assertEquals(null, Durations.remaining(10, 0, 100));
    }
}
