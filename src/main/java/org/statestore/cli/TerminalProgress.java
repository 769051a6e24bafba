package org.statestore.cli;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.statestore.progress.ProgressSink;
import org.statestore.text.internal.Printable;

/**
 * Progress as one bar redrawn in place on the terminal (count, percent, rate, elapsed and time left), drawn
 * by the progressbar library on its own timer. The bar's width is given, so the library never probes the
 * terminal itself (JLine, whose probe prints native-access warnings on recent JDKs).
 */
final class TerminalProgress implements ProgressSink {

    private static final int REDRAW_MS = 200;

    private final TerminalLine line;
    private ProgressBar bar;
    private long total;
    private long done;

    TerminalProgress(TerminalLine line) {
        this.line = line;
    }

    @Override
    public synchronized void start(String task, long total) {
        done();
        this.total = total;
        this.done = 0;
        DecimalFormat rate = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        bar = new ProgressBarBuilder()
                .setTaskName(Printable.escape(task)) // the raw channel bypasses the escaping writer
                .setInitialMax(total)
                .setUpdateIntervalMillis(REDRAW_MS)
                .continuousUpdate() // elapsed time and time left move on between counts
                .setStyle(line.unicode() ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .showSpeed(rate)
                .setConsumer(new Consumer(line))
                .build();
    }

    @Override
    public synchronized void advance(long n) {
        if (bar != null) {
            done += n;
            bar.stepBy(n);
        }
    }

    @Override
    public synchronized void done() {
        if (bar == null) {
            return;
        }
        if (total >= 0) {
            bar.maxHint(done); // a total counted up front may be a little off; a finished task is complete
        }
        bar.close();
        bar = null;
    }

    /** Hands each drawn bar to the terminal line. */
    private record Consumer(TerminalLine line) implements ProgressBarConsumer {
        @Override
        public int getMaxRenderedLength() {
            return line.width() - 1;
        }

        @Override
        public void accept(String rendered) {
            line.show(rendered);
        }

        @Override
        public void clear() {
            line.show("");
        }

        @Override
        public void close() {
            line.end();
        }
    }
}
