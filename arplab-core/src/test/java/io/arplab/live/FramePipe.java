package io.arplab.live;

import io.arplab.runtime.FrameIo;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Two in-memory wire ends: what one writes, the other reads (a veth pair without a kernel). */
final class FramePipe implements FrameIo {
    private final String name;
    private final LinkedBlockingQueue<byte[]> in;
    private final LinkedBlockingQueue<byte[]> out;
    private volatile boolean open = true;

    private FramePipe(String name, LinkedBlockingQueue<byte[]> in, LinkedBlockingQueue<byte[]> out) {
        this.name = name;
        this.in = in;
        this.out = out;
    }

    static FramePipe[] pair() {
        LinkedBlockingQueue<byte[]> ab = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<byte[]> ba = new LinkedBlockingQueue<>();
        return new FramePipe[] {new FramePipe("a", ba, ab), new FramePipe("b", ab, ba)};
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int read(byte[] buf, long timeoutNanos) {
        if (!open) {
            return -1;
        }
        try {
            byte[] f = in.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            if (f == null) {
                return open ? 0 : -1;
            }
            System.arraycopy(f, 0, buf, 0, f.length);
            return f.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void write(byte[] frame, int off, int len) {
        if (open) {
            out.add(Arrays.copyOfRange(frame, off, off + len));
        }
    }

    @Override
    public void close() {
        open = false;
    }
}
