package io.arplab.observe;

import io.arplab.wire.pcap.PcapRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps a capture point's frames in memory (tests, embedding). */
public final class MemoryCapture implements CaptureSink {
    private final List<PcapRecord> records = new ArrayList<>();

    @Override
    public void record(long epochNanos, byte[] frame) {
        records.add(PcapRecord.of(epochNanos, frame));
    }

    public List<PcapRecord> records() {
        return Collections.unmodifiableList(records);
    }
}
