package io.arplab.wire.tcpdump;

import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.pcap.PcapWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the generated corpus' capture (refdata/local/tcpdump/generated/generated.pcap): FRAMES frames of
 * {@link FrameGenerator} with SEED and SERVICE_FRAMES of its UDP services, one a second from 1700000000 with varied microseconds, leaving out the
 * ethertypes this printer does not decode. Its record.sh runs this, then the real tcpdump.
 */
final class GeneratedCorpus {
    static final long SEED = 4993L;
    static final int FRAMES = 1100;
    /** Then frames of the UDP services alone (BOOTP/DHCP, TFTP, NTP, syslog, VXLAN). */
    static final int SERVICE_FRAMES = 500;

    private GeneratedCorpus() {}

    static List<PcapRecord> records(long seed, int count, int services) {
        FrameGenerator generator = new FrameGenerator(seed);
        List<FrameGenerator.Frame> frames = generator.generate(count);
        for (int i = 0; i < services; i++) {
            frames.add(generator.nextService());
        }
        List<PcapRecord> records = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            FrameGenerator.Frame f = frames.get(i);
            int micros = (int) ((i * 7919L) % 1_000_000);
            PcapRecord r = new PcapRecord(1_700_000_000L + i, micros * 1000, f.originalLength(), f.data());
            if (!TcpdumpDifferentialTest.outOfScope(r)) {
                records.add(r);
            }
        }
        return records;
    }

    public static void main(String[] args) {
        try (PcapWriter w = PcapWriter.create(Path.of(args[0]))) {
            for (PcapRecord r : records(SEED, FRAMES, SERVICE_FRAMES)) {
                w.write(r);
            }
        }
    }
}
