package io.arplab.wire.tshark;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.arplab.wire.pcap.PcapRecord;

/**
 * Coverage-guided fuzzing of the TShark printer: any run of Ethernet frames (cut at any length, the original length
 * at least the captured one) prints one line each, ending in a newline, and never throws; a printer keeps state
 * across frames (reassembly, ARP's duplicate detection, TCP conversations), so each input is several frames.
 */
class TsharkFuzzTest {
    @FuzzTest
    void printsAnyFrames(FuzzedDataProvider data) {
        int o = data.consumeInt();
        TsharkPrinter printer = new TsharkPrinter((o & 1) != 0);
        printer.resolveMacs((o & 2) != 0);
        StringBuilder out = new StringBuilder();
        int frames = 0;
        for (int n = 1 + ((o >>> 2) & 3); n > 0 && data.remainingBytes() > 0; n--) {
            byte[] frame = n == 1 ? data.consumeRemainingAsBytes() : data.consumeBytes(data.consumeInt(0, 1600));
            int extra = data.remainingBytes() > 0 && data.consumeBoolean() ? data.consumeInt(0, 70_000) : 0;
            int before = out.length();
            printer.print(new PcapRecord(1_700_000_000L + frames, 1000 * frames, frame.length + extra, frame), out);
            frames++;
            assertThat(out.length()).isGreaterThan(before);
            assertThat(out.charAt(out.length() - 1)).isEqualTo('\n');
        }
    }
}
