package io.arplab.wire.pcap;

import static io.arplab.wire.pcap.CaptureFixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.wire.pcap.CaptureFixtures.Classic;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapReaderTest {
    @ParameterizedTest(name = "big-endian={0} nanos={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void readsBothMagicsInBothByteOrders(boolean bigEndian, boolean nanos) {
        byte[] f1 = frame(42, 1);
        byte[] f2 = frame(60, 2);
        byte[] file = Classic.ethernet(bigEndian, nanos)
                .record(1_700_000_000L, nanos ? 123_456_789 : 123_456, f1)
                .record(4_000_000_000L, nanos ? 999_999_999 : 999_999, 60, 1514, f2).done();
        Reading r = Reading.of("t.pcap", file);
        assertThat(r.fault()).isNull();
        assertThat(r.format()).isEqualTo("pcap");
        assertThat(r.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(r.snaplen()).isEqualTo(262144);
        assertThat(r.records()).hasSize(2);
        PcapRecord a = r.records().get(0);
        assertThat(a.seconds()).isEqualTo(1_700_000_000L);
        assertThat(a.nanos()).isEqualTo(nanos ? 123_456_789 : 123_456_000);
        assertThat(a.data()).isEqualTo(f1);
        PcapRecord b = r.records().get(1);
        assertThat(b.seconds()).isEqualTo(4_000_000_000L); // unsigned 32-bit seconds
        assertThat(b.capturedLength()).isEqualTo(60);
        assertThat(b.originalLength()).isEqualTo(1514);
    }

    @Test
    void readsKuznetsovRecordsWith24ByteHeaders() {
        byte[] f = frame(50, 3);
        byte[] file = new Classic(false, PcapReader.MAGIC_KUZNETSOV, 2, 4, 65535, 1).record(5, 6, f).record(7, 8, f).done();
        Reading r = Reading.of("k.pcap", file);
        assertThat(r.fault()).isNull();
        assertThat(r.records()).extracting(PcapRecord::seconds).containsExactly(5L, 7L);
        assertThat(r.records().get(1).data()).isEqualTo(f);
        assertThat(r.snaplen()).isEqualTo(65535 + 14); // sf-pcap.c: room for a cooked capture's fake header
    }

    @Test
    void swapsCaplenAndLenInVersionsBefore2Point3() {
        byte[] f = frame(40, 4);
        byte[] file = new Classic(false, PcapReader.MAGIC_USEC, 2, 2, 65535, 1).record(1, 0, 1514, 40, f).done();
        Reading r = Reading.of("old.pcap", file);
        assertThat(r.fault()).isNull();
        assertThat(r.records().get(0).capturedLength()).isEqualTo(40);
        assertThat(r.records().get(0).originalLength()).isEqualTo(1514);
    }

    @Test
    void snaplenOfZeroOrTooLargeBecomesTheMaximum() {
        assertThat(Reading.of("a", new Classic(false, PcapReader.MAGIC_USEC, 2, 4, 0, 1).done()).snaplen()).isEqualTo(262144);
        assertThat(Reading.of("b", new Classic(false, PcapReader.MAGIC_USEC, 2, 4, 0x8000_0000L, 1).done()).snaplen())
                .isEqualTo(262144);
        assertThat(Reading.of("b", new Classic(false, PcapReader.MAGIC_USEC, 2, 4, 1_000_000, 1).done()).snaplen())
                .isEqualTo(1_000_000);
        assertThat(Reading.of("c", new Classic(true, PcapReader.MAGIC_USEC, 2, 4, 96, 1).done()).snaplen()).isEqualTo(96);
    }

    @Test
    void recordLongerThanSnaplenIsCutAndTheNextRecordStillReads() {
        byte[] big = frame(150, 5);
        byte[] small = frame(30, 6);
        byte[] file = new Classic(false, PcapReader.MAGIC_USEC, 2, 4, 100, 1).record(1, 0, big).record(2, 0, small).done();
        Reading r = Reading.of("cut.pcap", file);
        assertThat(r.fault()).isNull();
        assertThat(r.records().get(0).data()).isEqualTo(Arrays.copyOf(big, 100));
        assertThat(r.records().get(0).originalLength()).isEqualTo(150);
        assertThat(r.records().get(1).data()).isEqualTo(small);
    }

    @Test
    void truncatedRecordsAfterGoodOnesAreDeliveredThenTheFaultNamesWhere() {
        byte[] f = frame(42, 7);
        byte[] whole = Classic.ethernet(false, false).record(1, 0, f).record(2, 0, f).record(3, 0, f).done();
        Reading cutInData = Reading.of("t.pcap", Arrays.copyOf(whole, whole.length - 5));
        assertThat(cutInData.records()).hasSize(2);
        assertThat(cutInData.fault()).hasMessage(
                "t.pcap: truncated dump file; tried to read 42 captured bytes, only got 37 (packet 3 at offset 140)");
        Reading cutInHeader = Reading.of("t.pcap", Arrays.copyOf(whole, 24 + 58 + 8));
        assertThat(cutInHeader.records()).hasSize(1);
        assertThat(cutInHeader.faultDetail())
                .isEqualTo("truncated dump file; tried to read 16 header bytes, only got 8 (packet 2 at offset 82)");
    }

    @Test
    void faultsInTheFileHeaderUseLibpcapsWords() {
        assertThat(Reading.of("e", new byte[0]).faultDetail())
                .isEqualTo("truncated dump file; tried to read 4 file header bytes, only got 0");
        assertThat(Reading.of("e", new byte[] {(byte) 0xd4, (byte) 0xc3}).faultDetail())
                .isEqualTo("truncated dump file; tried to read 4 file header bytes, only got 2");
        assertThat(Reading.of("e", Arrays.copyOf(Classic.ethernet(false, false).done(), 10)).faultDetail())
                .isEqualTo("truncated dump file; tried to read 24 file header bytes, only got 6");
        assertThat(Reading.of("e", "hello world, this is text\n".getBytes()).faultDetail()).isEqualTo("unknown file format");
        assertThat(Reading.of("e", new Classic(false, PcapReader.MAGIC_USEC, 1, 0, 0, 1).done()).faultDetail())
                .isEqualTo("archaic pcap savefile format");
        assertThat(Reading.of("e", new Classic(true, PcapReader.MAGIC_USEC, 2, 5, 0, 1).done()).faultDetail())
                .isEqualTo("unsupported pcap savefile version 2.5");
        byte[] huge = Classic.ethernet(false, false).record(1, 0, 300_000, 300_000, new byte[0]).done();
        assertThat(Reading.of("e", huge).faultDetail())
                .startsWith("invalid packet capture length 300000, bigger than snaplen of 262144");
    }

    @Test
    void missingFileAndDirectoryAreOneLineFaults(@TempDir Path dir) {
        assertThatThrownBy(() -> CaptureReader.open(dir.resolve("nosuch.pcap")))
                .isInstanceOf(PcapFormatException.class).hasMessage(dir.resolve("nosuch.pcap") + ": No such file or directory");
        assertThatThrownBy(() -> CaptureReader.open(dir)).isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("Is a directory");
    }

    @Test
    void writerAndReaderRoundTripMicroAndNanoseconds(@TempDir Path dir) throws Exception {
        for (boolean nanos : new boolean[] {false, true}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (PcapWriter w = new PcapWriter(bytes, LinkType.ETHERNET, 262144, nanos)) {
                w.write(PcapRecord.of(1_700_000_000_123_456_789L, frame(60, 1)));
                w.write(1_700_000_001_000_000_001L, frame(100, 2), 10, 50);
            }
            Path file = dir.resolve("rt" + nanos + ".pcap");
            Files.write(file, bytes.toByteArray());
            var records = CaptureReader.readAll(file);
            assertThat(records).hasSize(2);
            assertThat(records.get(0).nanos()).isEqualTo(nanos ? 123_456_789 : 123_456_000);
            assertThat(records.get(1).data()).isEqualTo(Arrays.copyOfRange(frame(100, 2), 10, 60));
            assertThat(records.get(1).nanos()).isEqualTo(nanos ? 1 : 0);
        }
    }
}
