package io.arplab.wire.pcap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpPrinter;

/**
 * Coverage-guided fuzzing of the pcap and pcapng readers: any file is read or refused with a
 * PcapFormatException ({@link Reading} lets only that through), and what was read prints.
 */
class CaptureReaderFuzzTest {
    @FuzzTest
    void readsOrRefuses(byte[] file) {
        Reading r = Reading.of("fuzz", file);
        if (!r.records().isEmpty() && LinkType.printable(r.linkType())) {
            TcpdumpPrinter p = new TcpdumpPrinter(TcpdumpOptions.numericUtc().withLinkType(r.linkType(), i -> null));
            StringBuilder out = new StringBuilder();
            for (PcapRecord rec : r.records()) {
                p.print(rec, out);
            }
        }
    }
}
