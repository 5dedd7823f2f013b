package io.arplab.wire.pcap;

import static io.arplab.wire.pcap.CaptureFixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.pcap.CaptureFixtures.Ng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcapngReaderTest {
    @ParameterizedTest(name = "big-endian={0}")
    @ValueSource(booleans = {false, true})
    void readsEnhancedSimpleAndObsoletePacketBlocks(boolean bigEndian) {
        byte[] f1 = frame(42, 1);
        byte[] f2 = frame(61, 2);
        Ng ng = new Ng(bigEndian).shb().idb(1, 96).block(0x0BAD, new byte[] {1, 2, 3})
                .epb(0, 1_700_000_000_123_456L, f1)
                .spb(200, frame(96, 3))
                .block(5, new byte[20])
                .pb(0, 1_700_000_002_000_001L, f2);
        Reading r = Reading.of("t.pcapng", ng.done());
        assertThat(r.fault()).isNull();
        assertThat(r.format()).isEqualTo("pcapng");
        assertThat(r.linkType()).isEqualTo(1);
        assertThat(r.snaplen()).isEqualTo(96);
        assertThat(r.records()).hasSize(3);
        assertThat(r.records().get(0).seconds()).isEqualTo(1_700_000_000L);
        assertThat(r.records().get(0).nanos()).isEqualTo(123_456_000);
        assertThat(r.records().get(0).data()).isEqualTo(f1);
        // a Simple Packet Block has no time stamp, and its captured length is the snapshot length at most
        assertThat(r.records().get(1).epochNanos()).isZero();
        assertThat(r.records().get(1).capturedLength()).isEqualTo(96);
        assertThat(r.records().get(1).originalLength()).isEqualTo(200);
        assertThat(r.records().get(2).data()).isEqualTo(f2);
        assertThat(r.records().get(2).nanos()).isEqualTo(1000);
    }

    @Test
    void honoursTimeStampResolutionAndOffsetPerInterface() {
        Ng ng = new Ng(false).shb();
        ng.idb(1, 0, ng.tsresol(9));                       // nanoseconds
        ng.idb(1, 0, ng.tsresol(3), ng.tsoffset(1000));    // milliseconds, 1000 s later
        ng.idb(1, 0, ng.tsresol(0x80 | 10));               // 1/1024 s
        ng.idb(1, 0, ng.tsresol(0x80 | 30));               // 2^-30 s
        ng.idb(1, 0, ng.tsresol(12));                      // picoseconds
        ng.epb(0, 1_700_000_000_123_456_789L, frame(10, 1));
        ng.epb(1, 1_700_000_000_123L, frame(10, 2));
        ng.epb(2, 5L * 1024 + 512, frame(10, 3));
        ng.epb(3, (7L << 30) + (1L << 29), frame(10, 4));
        ng.epb(4, 3_000_000_000_123_456L, frame(10, 5));
        Reading r = Reading.of("res.pcapng", ng.done());
        assertThat(r.fault()).isNull();
        assertThat(r.snaplen()).isEqualTo(262144);
        assertThat(r.records()).extracting(PcapRecord::seconds).containsExactly(1_700_000_000L, 1_700_001_000L, 5L, 7L, 3000L);
        assertThat(r.records()).extracting(PcapRecord::nanos).containsExactly(123_456_789, 123_000_000, 500_000_000,
                500_000_000, 123);
    }

    @Test
    void aNewSectionBringsItsOwnInterfaces() {
        Ng ng = new Ng(false).shb();
        ng.idb(1, 0).epb(0, 1_000_000, frame(20, 1));
        ng.shb(1, 2);
        ng.idb(1, 0, ng.tsresol(9)).epb(0, 2_000_000_000L, frame(20, 2));
        Reading r = Reading.of("two.pcapng", ng.done());
        assertThat(r.fault()).isNull();
        assertThat(r.records()).extracting(PcapRecord::seconds).containsExactly(1L, 2L);

        Ng stale = new Ng(false).shb().idb(1, 0).shb().epb(0, 1, frame(20, 1));
        assertThat(Reading.of("x", stale.done()).faultDetail()).startsWith(
                "a packet arrived on interface 0, but there's no Interface Description Block for that interface");
    }

    @Test
    void faultsUseLibpcapsWordsAndComeAfterTheGoodRecords() {
        byte[] good = new Ng(false).shb().idb(1, 0).epb(0, 1, frame(30, 1)).done();
        byte[] twoGood = new Ng(false).shb().idb(1, 0).epb(0, 1, frame(30, 1)).epb(0, 2, frame(30, 2)).done();
        Reading truncated = Reading.of("t", Arrays.copyOf(twoGood, twoGood.length - 6));
        assertThat(truncated.records()).hasSize(1);
        assertThat(truncated.faultDetail()).startsWith("truncated pcapng dump file; tried to read ");
        Reading cutHeader = Reading.of("t", Arrays.copyOf(twoGood, good.length + 5));
        assertThat(cutHeader.records()).hasSize(1);
        assertThat(cutHeader.faultDetail()).startsWith("truncated pcapng dump file; tried to read 8 bytes, only got 5");

        assertThat(after(good, new Ng(false).raw(block(6, 8, 8)))).startsWith("block in pcapng dump file has a length of 8 < 12");
        assertThat(after(good, new Ng(false).raw(block(6, 22, 22))))
                .startsWith("block in pcapng dump file has a length of 22 that is not a multiple of 4");
        assertThat(after(good, new Ng(false).raw(block(6, 20, 24))))
                .startsWith("block total length in header and trailer don't match (20 and 24)");
        assertThat(after(good, new Ng(false).raw(block(6, 0x7000_0000, 0))))
                .startsWith("pcapng block size 1879048192 > maximum 16777216");
        assertThat(after(good, new Ng(false).block(6, new byte[12]))).startsWith("block of type 6 in pcapng dump file is too short");
        assertThat(after(good, new Ng(false).epb(3, 1, frame(10, 1)))).startsWith(
                "a packet arrived on interface 3, but there's no Interface Description Block for that interface");
        assertThat(after(good, new Ng(false).idb(101, 0)))
                .startsWith("an interface has a type 101 different from the type of the first interface");
        assertThat(after(good, new Ng(false).idb(1, 1500)))
                .startsWith("an interface has a snapshot length 1500 different from the snapshot length of the first interface");
        // libpcap reads the next section's length in the current byte order first
        assertThat(after(good, new Ng(true).shb())).startsWith("pcapng block size 469762048 > maximum 16777216");
        assertThat(after(good, new Ng(false).shb(2, 0))).startsWith("unknown pcapng savefile major version number 2");
        assertThat(after(good, new Ng(false).epb(0, 1, 300_000, 300_000, new byte[0])))
                .startsWith("invalid packet capture length 300000, bigger than snaplen of 262144");

        assertThat(Reading.of("t", new Ng(false).shb(1, 1).done()).faultDetail())
                .startsWith("unsupported pcapng savefile version 1.1");
        assertThat(Reading.of("t", new Ng(false).shb().done()).faultDetail())
                .startsWith("the capture file has no Interface Description Blocks");
        assertThat(Reading.of("t", new Ng(false).shb().epb(0, 1, frame(10, 1)).done()).faultDetail())
                .startsWith("the capture file has a packet block before any Interface Description Blocks");
        Ng badResol = new Ng(false).shb();
        assertThat(Reading.of("t", badResol.idb(1, 0, badResol.tsresol(20)).done()).faultDetail())
                .startsWith("Interface Description Block if_tsresol option resolution 10^-20 is too high");
        byte[] insane = new Ng(false).shb().done();
        insane[4] = 0;
        insane[5] = 0;
        insane[6] = 0x20;
        assertThat(Reading.of("t", insane).faultDetail()).isEqualTo(
                "Section Header Block in pcapng dump file has invalid length 28 < _2097152_ < 1048576 (BT_SHB_INSANE_MAX)");
        byte[] notNg = new Ng(false).shb().done();
        notNg[8] = 0;
        assertThat(Reading.of("t", notNg).faultDetail()).isEqualTo("unknown file format");
    }

    /** A block header and trailer with arbitrary lengths and a body filling the header's length. */
    private static byte[] block(int type, long headerLength, long trailerLength) {
        CaptureFixtures.Out o = new CaptureFixtures.Out(false).u32(type).u32(headerLength);
        for (long i = 12; i < headerLength && i < 4096; i++) {
            o.u8(0);
        }
        return o.u32(trailerLength).done();
    }

    private static String after(byte[] good, Ng more) {
        byte[] file = new byte[good.length + more.done().length];
        System.arraycopy(good, 0, file, 0, good.length);
        System.arraycopy(more.done(), 0, file, good.length, more.done().length);
        Reading r = Reading.of("t", file);
        assertThat(r.records()).as("records before the fault").hasSize(1);
        return r.faultDetail();
    }
}
