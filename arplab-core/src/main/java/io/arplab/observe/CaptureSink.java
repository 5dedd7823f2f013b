package io.arplab.observe;

/** A capture point's sink: receives every frame seen there with its wall-clock time (epoch nanoseconds). */
public interface CaptureSink extends AutoCloseable {
    void record(long epochNanos, byte[] frame);

    @Override
    default void close() {}
}
