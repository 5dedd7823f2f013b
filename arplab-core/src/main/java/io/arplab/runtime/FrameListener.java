package io.arplab.runtime;

/** Sees each frame sent or received on a node's interface, as a packet socket bound to it does (tcpdump -i). */
@FunctionalInterface
public interface FrameListener {
    void frame(long epochNanos, byte[] frame);
}
