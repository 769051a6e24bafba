package org.statestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("text output escapes terminal controls hidden in names from databases and files")
class ControlEscapingWriterTest {

    @Test
    @DisplayName("escape sequences, carriage returns and C1 controls become visible; newlines, tabs and unicode stay")
    void escapes() {
        assertEquals("red \\u001b[31mX\\u001b[0m", ControlEscapingWriter.escape("red \u001b[31mX\u001b[0m"));
        assertEquals("ok\\u000dforged", ControlEscapingWriter.escape("ok\rforged"));
        assertEquals("csi \\u009b2J", ControlEscapingWriter.escape("csi \u009b2J"));
        assertEquals("two\nlines\tand é ü 日本", ControlEscapingWriter.escape("two\nlines\tand é ü 日本"));
    }

    @Test
    @DisplayName("a console's stdout and stderr both pass the filter, once, and a println reaches the stream at once")
    void consoleStreamsAreFiltered() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Console console = new Console(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
                Map.of());
        Console again = new Console(console.out(), console.err(), console.in(), Map.of());

        again.out().println("label Z\u001b]0;pwned\u0007");
        again.error("bad \u001b[2K");

        assertEquals("label Z\\u001b]0;pwned\\u0007" + System.lineSeparator(), out.toString());
        assertEquals("statestore: bad \\u001b[2K" + System.lineSeparator(), err.toString());
    }
}
