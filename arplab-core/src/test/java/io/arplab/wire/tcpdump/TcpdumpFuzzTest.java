package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.arplab.wire.pcap.LinkType;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions.TimestampStyle;
import java.time.ZoneId;

/**
 * Coverage-guided fuzzing of the tcpdump printer: every frame, under every option set and printable link type,
 * prints lines ending in a newline and never throws. The options come from the input's last bytes, the frame is
 * the rest (so a raw frame is a good seed).
 */
class TcpdumpFuzzTest {
    private static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.ETHERNET, LinkType.ETHERNET, LinkType.NULL,
        LinkType.RAW, LinkType.IPV4, LinkType.LINUX_SLL, LinkType.LINUX_SLL2};
    private static final ZoneId UTC = ZoneId.of("UTC");

    @FuzzTest
    void printsAnyFrame(FuzzedDataProvider data) {
        int o = data.consumeInt();
        int extraLength = data.consumeInt(0, 70_000);
        TcpdumpOptions options = new TcpdumpOptions((o & 1) != 0, (o & 2) != 0, (o >>> 2) & 3,
                TimestampStyle.values()[Math.floorMod(o >>> 4, TimestampStyle.values().length)], (o >>> 8) % 7, UTC)
                .withLinkType(LINK_TYPES[(o >>> 12) & 7], i -> i == 2 ? "eth0" : null);
        byte[] frame = data.consumeRemainingAsBytes();
        TcpdumpPrinter printer = new TcpdumpPrinter(options);
        StringBuilder out = new StringBuilder();
        PcapRecord r = new PcapRecord(1_700_000_000L, 123_456_000, frame.length + ((o & 0x8000) != 0 ? extraLength : 0),
                frame);
        printer.print(r, out);
        printer.print(r, out);
        assertThat(out).isNotEmpty();
        assertThat(out.charAt(out.length() - 1)).isEqualTo('\n');
    }
}
