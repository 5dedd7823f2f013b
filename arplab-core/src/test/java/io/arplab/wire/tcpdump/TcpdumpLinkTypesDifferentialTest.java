package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.arplab.wire.pcap.LinkType;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.pcap.PcapWriter;
import io.arplab.wire.tcpdump.TcpdumpOptions.TimestampStyle;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated Ethernet frames of {@link TcpdumpDifferentialTest}, re-framed as captures of other link types
 * (NULL in either byte order, RAW, IPV4/IPV6, Linux cooked v1 and v2 with every packet type) and printed by the real
 * tcpdump and by ours. LINUX_SLL2's interface names come from this machine, as if_indextoname() gives them to
 * tcpdump. IPX (802.3 protocol 1) and radiotap (ARPHRD_IEEE80211_RADIOTAP) payloads are not printed by arplab and not generated.
 */
class TcpdumpLinkTypesDifferentialTest {
    private static final int FRAMES = Integer.getInteger("tcpdump.diff.frames", 10000) / 4;

    @TempDir
    static Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (int lt : new int[] {LinkType.NULL, LinkType.RAW, LinkType.IPV4, LinkType.LINUX_SLL, LinkType.LINUX_SLL2}) {
            for (String flags : new String[] {"-n", "-n -e", "-n -x", "-n -e -XX", "-n -v -e"}) {
                all.add(Arguments.of(LinkType.describe(lt), lt, flags));
            }
        }
        return all.stream();
    }

    /** The frame as a record of link type {@code lt}; null when that link type cannot carry it. */
    static PcapRecord reframe(int lt, PcapRecord r, SplittableRandom rnd) {
        byte[] d = r.data();
        if (d.length < 14) {
            return null;
        }
        int type = ((d[12] & 0xff) << 8) | (d[13] & 0xff);
        if (d.length > 20 && (d[14] & 0xf0) == 0x60 && (d[20] == 43 || d[20] == 8)) {
            return null; // IPv6 routing headers and EGP: printers arplab's tcpdump does not have
        }
        int payload = d.length - 14;
        byte[] out;
        int head;
        switch (lt) {
            case LinkType.NULL -> {
                head = 4;
                out = new byte[head + payload];
                // ISO, Appletalk and IPX (7, 16, 23) have tcpdump printers arplab's does not
                int family = type == 0x0800 ? 2 : type == 0x86dd ? new int[] {24, 28, 30}[rnd.nextInt(3)]
                        : new int[] {0, 1, 3, 6, 17, 31, 0x1000}[rnd.nextInt(7)];
                boolean big = rnd.nextBoolean();
                for (int i = 0; i < 4; i++) {
                    out[big ? 3 - i : i] = (byte) (family >>> (8 * i));
                }
            }
            case LinkType.RAW, LinkType.IPV4 -> {
                if (type != 0x0800 && type != 0x86dd && (rnd.nextInt(8) != 0 || d.length > 14
                        && ((d[14] & 0xf0) == 0x40 || (d[14] & 0xf0) == 0x60))) {
                    return null; // other bytes read as IP only when they cannot pass for IP (any protocol number)
                }
                head = 0;
                out = new byte[payload];
            }
            case LinkType.LINUX_SLL -> {
                head = 16;
                out = new byte[head + payload];
                put16(out, 0, rnd.nextInt(7));
                put16(out, 2, rnd.nextInt(16) == 0 ? 772 : 1);
                put16(out, 4, rnd.nextInt(8) == 0 ? 4 : 6);
                System.arraycopy(d, 6, out, 6, 6);
                put16(out, 14, type <= 1500 ? (rnd.nextBoolean() ? 4 : 2 + rnd.nextInt(4)) : type);
            }
            default -> {
                head = 20;
                out = new byte[head + payload];
                put16(out, 0, type <= 1500 ? (rnd.nextBoolean() ? 4 : 2 + rnd.nextInt(4)) : type);
                int ifIndex = new int[] {1, 2, 3, 7, 1_000_000}[rnd.nextInt(5)];
                out[4] = (byte) (ifIndex >>> 24);
                out[5] = (byte) (ifIndex >>> 16);
                out[6] = (byte) (ifIndex >>> 8);
                out[7] = (byte) ifIndex;
                put16(out, 8, rnd.nextInt(16) == 0 ? 772 : 1);
                out[10] = (byte) rnd.nextInt(7);
                out[11] = (byte) (rnd.nextInt(8) == 0 ? 4 : 6);
                System.arraycopy(d, 6, out, 12, 6);
            }
        }
        System.arraycopy(d, 14, out, head, payload);
        int len = r.originalLength() - 14 + head;
        if (rnd.nextInt(50) == 0 && out.length > 2) {
            // a cut inside the link-layer header
            byte[] cut = java.util.Arrays.copyOf(out, rnd.nextInt(Math.min(out.length, head + 2)));
            return cut.length == 0 ? null : new PcapRecord(r.seconds(), r.nanos(), len, cut);
        }
        return new PcapRecord(r.seconds(), r.nanos(), len, out);
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    /** if_indextoname() on this machine. */
    static String interfaceName(int index) {
        return io.arplab.tools.TcpdumpTool.machineInterfaceName(index);
    }

    @ParameterizedTest(name = "{0} tcpdump {2}")
    @MethodSource("cases")
    void printsAsTcpdumpDoes(String name, int lt, String flags) throws Exception {
        assumeTrue(TcpdumpDifferentialTest.tcpdumpAvailable(), "tcpdump 4.99.3 is not installed");
        List<FrameGenerator.Frame> frames = new FrameGenerator(TcpdumpDifferentialTest.SEED + lt).generate(FRAMES);
        SplittableRandom rnd = new SplittableRandom(lt);
        List<PcapRecord> records = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            FrameGenerator.Frame f = frames.get(i);
            PcapRecord r = new PcapRecord(1_700_000_000L + i, (int) ((i * 7919L) % 1_000_000) * 1000,
                    f.originalLength(), f.data());
            if (TcpdumpDifferentialTest.outOfScope(r)) {
                continue;
            }
            PcapRecord x = reframe(lt, r, rnd);
            if (x != null) {
                records.add(x);
            }
        }
        Path pcap = dir.resolve("lt" + lt + flags.replace(' ', '_') + ".pcap");
        try (PcapWriter w = new PcapWriter(new FileOutputStream(pcap.toFile()), lt, 262144, false)) {
            for (PcapRecord r : records) {
                w.write(r);
            }
        }
        List<String> cmd = new ArrayList<>(List.of("tcpdump"));
        cmd.addAll(List.of(flags.split(" ")));
        cmd.addAll(List.of("-r", pcap.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("TZ", "UTC");
        Process p = pb.start();
        String[] expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).split("\n", -1);
        p.waitFor(60, TimeUnit.SECONDS);

        IntFunction<String> names = TcpdumpLinkTypesDifferentialTest::interfaceName;
        TcpdumpOptions o = new TcpdumpOptions(flags.contains("-n"), flags.contains("-e"), flags.contains("-v") ? 1 : 0,
                TimestampStyle.TIME_OF_DAY, flags.contains("-XX") ? 4 : flags.contains("-x") ? 1 : 0,
                ZoneId.of("UTC")).withLinkType(lt, names);
        TcpdumpPrinter printer = new TcpdumpPrinter(o);
        StringBuilder sb = new StringBuilder();
        for (PcapRecord r : records) {
            printer.print(r, sb);
        }
        String[] mine = sb.toString().split("\n", -1);
        int line = 0;
        while (line < Math.min(expected.length, mine.length) && expected[line].equals(mine[line])) {
            line++;
        }
        assertThat(line == expected.length && line == mine.length ? null
                : "line " + (line + 1) + "\n  tcpdump: " + (line < expected.length ? expected[line] : "<end>")
                + "\n  ours:    " + (line < mine.length ? mine[line] : "<end>")).as(name + " " + flags).isNull();
    }
}
