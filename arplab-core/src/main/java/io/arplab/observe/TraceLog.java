package io.arplab.observe;

import io.arplab.stack.TraceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Tracepoint events in {@code perf script} layout: {@code comm pid [cpu] seconds: subsystem:event: fields}, one
 * line each, the time being virtual seconds since the lab started. Each node traces under its own comm.
 */
public final class TraceLog implements TraceSink {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private long lines;

    public TraceLog(Writer out) {
        this.out = out;
    }

    /** One line in perf script layout. */
    @Override
    public void event(String comm, int pid, long now, TraceEvent event) {
        line.setLength(0);
        pad(line, comm, 16);
        line.append(' ');
        pad(line, Integer.toString(pid), 6);
        line.append(" [000] ");
        String secs = Long.toString(now / 1_000_000_000L);
        pad(line, secs, 5);
        line.append('.');
        String micros = Long.toString((now % 1_000_000_000L) / 1000);
        for (int i = micros.length(); i < 6; i++) {
            line.append('0');
        }
        line.append(micros).append(": ").append(event.name()).append(": ");
        event.appendFields(line);
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines++;
    }

    private static void pad(StringBuilder sb, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        sb.append(s);
    }

    public long lines() {
        return lines;
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
