package io.arplab.wire.tcpdump;

import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.pcap.PcapWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the tshark generated corpus' capture (refdata/local/tshark/generated/generated.pcap): FRAMES frames of
 * {@link FrameGenerator} with SEED, one a second from 1700000000 with varied microseconds. Its record.sh runs
 * this, then the real TShark 4.0.17.
 */
final class TsharkGeneratedCorpus {
    static final long SEED = 11142023L;
    static final int FRAMES = 4000;

    private TsharkGeneratedCorpus() {}

    static List<PcapRecord> records() {
        return TsharkDifferentialTest.records(SEED, FRAMES);
    }

    public static void main(String[] args) {
        try (PcapWriter w = PcapWriter.create(Path.of(args[0]))) {
            records().forEach(w::write);
        }
    }
}
