package io.arplab.cli;

import java.io.IOException;
import java.io.Writer;

/** Passes text on and flushes at every end of line, as a terminal shows a tool's output while it runs. */
final class LineFlushingWriter extends Writer {
    private final Writer out;

    LineFlushingWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        out.write(buf, off, len);
        for (int i = off; i < off + len; i++) {
            if (buf[i] == '\n') {
                out.flush();
                return;
            }
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
