package io.arplab.observe;

import io.arplab.wire.pcap.PcapWriter;
import java.nio.file.Path;

/**
 * Writes a capture point's frames to a classic pcap file (microsecond stamps), as {@code tcpdump -w} would, through
 * the shared {@link FilePool}: a small buffer each and a bounded number of open files, however many captures.
 */
public final class PcapCapture implements CaptureSink {
    private final PcapWriter writer;

    public PcapCapture(Path file) {
        this.writer = PcapWriter.ethernet(FilePool.SHARED.create(file));
    }

    private PcapCapture(PcapWriter writer) {
        this.writer = writer;
    }

    /** A pcap as netdev-dummy writes its rxq_pcap and tx_pcap (see {@link PcapWriter#ovs}). */
    public static PcapCapture ovs(Path file) {
        return new PcapCapture(PcapWriter.ovs(file));
    }

    @Override
    public void record(long epochNanos, byte[] frame) {
        writer.write(epochNanos, frame, 0, frame.length);
    }

    /** Makes what was written so far readable (tcpdump -U). */
    public void flush() {
        writer.flush();
    }

    @Override
    public void close() {
        writer.close();
    }
}
