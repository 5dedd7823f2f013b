package io.arplab.sim;

import io.arplab.device.Device;
import io.arplab.runtime.FrameIo;

/**
 * A port of the simulated network that is a wire to the real world (a TAP device): what reaches it is written to
 * the wire, what the wire delivers is injected by {@link Realtime} at the virtual time that matches the wall clock.
 */
public final class ExternalPort implements Device {
    private final FrameIo wire;
    private long written;

    public ExternalPort(FrameIo wire) {
        this.wire = wire;
    }

    public FrameIo wire() {
        return wire;
    }

    @Override
    public String name() {
        return wire.name();
    }

    @Override
    public int portCount() {
        return 1;
    }

    @Override
    public String portName(int port) {
        return wire.name();
    }

    @Override
    public void receive(long now, int port, byte[] frame, Output out) {
        written++;
        wire.write(frame, 0, frame.length);
    }

    @Override
    public void advance(long now, Output out) {}

    @Override
    public long nextDeadline() {
        return Long.MAX_VALUE;
    }

    /** Frames sent to the real world so far. */
    public long written() {
        return written;
    }
}
