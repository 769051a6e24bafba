package org.statestore.cli;

import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * The raw channel to a terminal's stderr, for the one line a progress bar redraws in place with {@code \r}
 * and an erase-line control, which {@link ControlEscapingWriter} would otherwise escape. Only {@link Main}
 * creates one, and only when stderr is a terminal; only the bar writes through it. Log lines printed while a
 * bar shows go {@linkplain #above above} it: the bar's line is erased, the log line printed, the bar drawn again.
 */
public final class TerminalLine {

    private static final String ERASE = "\r\u001b[K";

    private final PrintStream raw;
    private final IntSupplier columns;
    private final boolean unicode;
    private int width;
    private String shown;
    private boolean finished;

    /**
     * @param columns the terminal's columns, asked once, when the first bar is drawn (the bar is kept one shorter
     *                so it never wraps)
     * @param unicode whether the terminal takes UTF-8 (block characters), else the bar is ASCII
     */
    public TerminalLine(PrintStream raw, IntSupplier columns, boolean unicode) {
        this.raw = raw;
        this.columns = columns;
        this.unicode = unicode;
    }

    synchronized int width() {
        if (width == 0) {
            width = Math.max(20, columns.getAsInt());
        }
        return width;
    }

    boolean unicode() {
        return unicode;
    }

    /** Draws {@code line} in place of the bar shown before. */
    synchronized void show(String line) {
        if (finished) {
            return;
        }
        shown = line;
        raw.print(ERASE + line);
        raw.flush();
    }

    /** Leaves the last bar on screen and moves to a new line: the task is over. */
    synchronized void end() {
        if (shown != null) {
            raw.print('\n');
            raw.flush();
            shown = null;
        }
    }

    /**
     * No more bars: the command is failing. A bar left open by the task that failed stays where it stopped, on
     * its own line, and its library's timer draws nothing more.
     */
    synchronized void finish() {
        end();
        finished = true;
    }

    /** Runs {@code print} (which writes whole lines to the same stderr) with the bar out of its way. */
    synchronized void above(Runnable print) {
        if (shown != null) {
            raw.print(ERASE);
            raw.flush();
        }
        print.run();
        if (shown != null) {
            raw.print(shown);
            raw.flush();
        }
    }
}
