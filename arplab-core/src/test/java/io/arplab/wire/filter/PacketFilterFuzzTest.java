package io.arplab.wire.filter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.arplab.wire.pcap.PcapRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of the pcap-filter(7) compiler: any expression compiles or is refused with libpcap's words
 * (FilterSyntaxException), and a compiled filter decides on every frame of the filter corpus (truncated ones
 * included) without throwing.
 */
class PacketFilterFuzzTest {
    private static final List<PcapRecord> FRAMES = FilterCorpus.build();

    @FuzzTest
    void compilesOrRefuses(byte[] bytes) {
        String expression = new String(bytes, StandardCharsets.UTF_8);
        PacketFilter f;
        try {
            f = PacketFilter.compile(expression);
        } catch (FilterSyntaxException e) {
            return;
        }
        for (int i = 0; i < FRAMES.size(); i += 7) {
            f.matches(FRAMES.get(i));
        }
    }
}
