package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.Bytes;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions.TimestampStyle;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The formatting helpers tcpdump's output depends on, checked against independent references. */
class TcpdumpFormattingTest {
    private static final byte[] ARP = Bytes.fromHex(
            "ffffffffffff0242ac1c000b08060001080006040001 0242ac1c000bac1c000b000000000000ac1c000d");

    private static String print(TcpdumpOptions options, PcapRecord... records) {
        TcpdumpPrinter printer = new TcpdumpPrinter(options);
        StringBuilder out = new StringBuilder();
        for (PcapRecord r : records) {
            printer.print(r, out);
        }
        return out.toString();
    }

    private static TcpdumpOptions opts(TimestampStyle ts, ZoneId zone) {
        return new TcpdumpOptions(true, false, 0, ts, 0, zone);
    }

    @ParameterizedTest
    @CsvSource({"UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Europe/Berlin"})
    void timeOfDayAndDateFollowTheZoneIncludingDaylightSaving(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        DateTimeFormatter date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        SplittableRandom r = new SplittableRandom(zoneName.hashCode());
        for (int i = 0; i < 2000; i++) {
            long sec = r.nextLong(0, 0x7fffffffL);
            int micros = r.nextInt(1_000_000);
            PcapRecord rec = new PcapRecord(sec, micros * 1000 + r.nextInt(1000), ARP.length, ARP);
            String frac = String.format(".%06d ", micros);
            assertThat(print(opts(TimestampStyle.TIME_OF_DAY, zone), rec))
                    .startsWith(time.format(Instant.ofEpochSecond(sec)) + frac + "ARP, Request");
            assertThat(print(opts(TimestampStyle.DATE_TIME, zone), rec))
                    .startsWith(date.format(Instant.ofEpochSecond(sec)) + frac + "ARP, Request");
        }
    }

    @Test
    void epochStampsAndTheirLimit() {
        assertThat(print(opts(TimestampStyle.EPOCH, ZoneId.of("UTC")), new PcapRecord(1_700_000_000L, 5_000, 42, ARP)))
                .startsWith("1700000000.000005 ARP");
        // pcap seconds are unsigned 32-bit; tcpdump refuses those with the top bit set
        assertThat(print(opts(TimestampStyle.EPOCH, ZoneId.of("UTC")), new PcapRecord(0x80000000L, 0, 42, ARP)))
                .startsWith("[Error converting time] ARP");
        assertThat(print(opts(TimestampStyle.NONE, ZoneId.of("UTC")), new PcapRecord(1, 0, 42, ARP)))
                .startsWith("ARP, Request");
    }

    @Test
    void deltasSincePreviousAndFirstFrame() {
        PcapRecord a = new PcapRecord(1_700_000_000L, 999_000_000, 42, ARP);
        PcapRecord b = new PcapRecord(1_700_000_001L, 1_000, 42, ARP);
        PcapRecord c = new PcapRecord(1_700_000_000L, 500_000_000, 42, ARP);
        PcapRecord d = new PcapRecord(1_700_090_001L, 1_000, 42, ARP);
        String prev = print(opts(TimestampStyle.DELTA_PREVIOUS, ZoneId.of("UTC")), a, b, c, d);
        // a delta of a day and more wraps around, as gmtime() of the delta does
        assertThat(prev.lines().map(l -> l.substring(0, l.indexOf(" ARP"))))
                .containsExactly(" 00:00:00.000000", " 00:00:00.001001", "-00:00:00.500001", " 01:00:00.500001");
        String first = print(opts(TimestampStyle.DELTA_FIRST, ZoneId.of("UTC")), a, b, c, d);
        assertThat(first.lines().map(l -> l.substring(0, l.indexOf(" ARP"))))
                .containsExactly(" 00:00:00.000000", " 00:00:00.001001", "-00:00:00.499000", " 01:00:00.001001");
    }

    @Test
    void invalidRecordHeadersPrintNoTimestamp() {
        assertThat(print(TcpdumpOptions.numericUtc(), new PcapRecord(1, 0, 60, new byte[0])))
                .isEqualTo("[Invalid header: caplen==0]\n");
        assertThat(print(TcpdumpOptions.numericUtc(), new PcapRecord(1, 0, 300_000, ARP)))
                .isEqualTo("[Invalid header: len(300000) > 262144]\n");
    }

    @Test
    void hexDumpLinesPadTheAsciiColumn() {
        Dissector nd = new Dissector(TcpdumpOptions.numericUtc());
        StringBuilder out = new StringBuilder();
        nd.reset(Bytes.fromHex("00 01 20 41 7e 7f 80 ff 0a 0b 0c 0d 0e 0f 10 11 12"), out);
        HexDump.hexAndAscii(nd, "\n\t", 0, 17);
        assertThat(out.toString()).isEqualTo(
                "\n\t0x0000:  0001 2041 7e7f 80ff 0a0b 0c0d 0e0f 1011  ...A~...........\n\t0x0010:  12"
                        + "                                       .");
        out.setLength(0);
        HexDump.hex(nd, "\n\t", 0, 17);
        assertThat(out.toString()).isEqualTo(
                "\n\t0x0000:  0001 2041 7e7f 80ff 0a0b 0c0d 0e0f 1011\n\t0x0010:  12");
    }

    @ParameterizedTest
    @CsvSource({
        "00000000000000000000000000000000, ::",
        "00000000000000000000000000000001, ::1",
        "fe800000000000000042acfffe1c000b, fe80::42:acff:fe1c:b",
        "ff0200000000000000000001ff1c000d, ff02::1:ff1c:d",
        "00000000000000000000ffffac1c000b, ::ffff:172.28.0.11",
        "000000000000000000000000ac1c000b, ::172.28.0.11",
        "20010db8000000010000000000000001, 2001:db8:0:1::1",
        "20010db8000000000001000000000000, 2001:db8:0:0:1::",
        "00010000000100000000000100000001, 1:0:1::1:0:1",
        "00000000000100000000000000010000, 0:0:1::1:0",
        "12340000567800009abc0000def00000, 1234:0:5678:0:9abc:0:def0:0"})
    void ipv6AddressesAreShortenedAsTcpdumpDoes(String hex, String text) {
        StringBuilder out = new StringBuilder();
        Names.ip6addr(out, Bytes.fromHex(hex), 0);
        assertThat(out.toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.00s", "1, 0.00s", "2, 0.01s", "3, 0.01s", "32, 0.12s", "96, 0.38s", "5120, 20.00s",
        "65535, 256.00s", "65534, 255.99s", "640, 2.50s", "160, 0.62s", "224, 0.88s"})
    void stpTimersRoundLikePrintf(int raw, String text) {
        StringBuilder out = new StringBuilder();
        StpPrinter.timer(out, raw);
        assertThat(out.toString()).isEqualTo(text);
        assertThat(out.toString()).isEqualTo(String.format("%.2fs", new java.math.BigDecimal(raw).divide(
                java.math.BigDecimal.valueOf(256)).setScale(2, java.math.RoundingMode.HALF_EVEN)));
    }

    @Test
    void macAddressesGetVendorNamesOnlyWithoutDashN() {
        StringBuilder out = new StringBuilder();
        Names.etheraddr(out, Bytes.fromHex("00000c123456"), 0, false);
        out.append('|');
        Names.etheraddr(out, Bytes.fromHex("ffffffffffff"), 0, false);
        out.append('|');
        Names.etheraddr(out, Bytes.fromHex("ffffffffffff"), 0, true);
        out.append('|');
        Names.etheraddr(out, Bytes.fromHex("0242ac1c000b"), 0, false);
        assertThat(out.toString()).isEqualTo(
                "00:00:0c:12:34:56 (oui Cisco)|Broadcast|ff:ff:ff:ff:ff:ff|02:42:ac:1c:00:0b (oui Unknown)");
    }

    @Test
    void portAndProtocolNamesComeFromNetbase() {
        StringBuilder out = new StringBuilder();
        Names.udpPort(out, 53, false);
        out.append(' ');
        Names.udpPort(out, 53, true);
        out.append(' ');
        Names.tcpPort(out, 22, false);
        out.append(' ');
        Names.udpPort(out, 33434, false);
        assertThat(out.toString()).isEqualTo("domain 53 ssh 33434");
        assertThat(Names.netdbProtocol(253)).isEqualTo("exptest-253");
        assertThat(Names.netdbProtocol(1)).isEqualTo("icmp");
        assertThat(Names.netdbProtocol(160)).isNull();
        assertThat(Names.ipproto(17)).isEqualTo("UDP");
        assertThat(Names.ipproto(253)).isEqualTo("unknown");
    }
}
