package io.arplab.lab;

import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compares what the emulator did with the kernel recordings in {@code refdata/linux}: frames in order and byte for
 * byte apart from the fields a run cannot reproduce (time stamps, IPv4 identification, ICMP echo identifier,
 * checksums, the time stamp ping puts in its data), and tool output apart from measured times.
 */
public final class RecordingAssertions {
    /** Where the recordings live in the test resources. */
    public static final Path REFDATA = Path.of("src/test/resources/refdata/linux");

    private static final int ETH = 14;

    private RecordingAssertions() {}

    /** What to blank before comparing. The defaults are the fields no run can reproduce. */
    public record Mask(boolean ipId, boolean checksums, boolean icmpEchoId, boolean pingTimestamp, boolean udpSourcePort) {
        public static final Mask DEFAULT = new Mask(true, true, true, true, false);

        /** Also blanks UDP source ports (traceroute's probes leave from an ephemeral port). */
        public Mask withUdpSourcePort() {
            return new Mask(ipId, checksums, icmpEchoId, pingTimestamp, true);
        }
    }

    /** The frames of a recorded capture point, e.g. {@code reference("s1_ping_node3", "node1")}. */
    public static List<PcapRecord> reference(String scenario, String point) {
        Path p = REFDATA.resolve(scenario).resolve(point + ".pcap");
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no recording " + p);
        }
        return PcapReader.readAll(p);
    }

    /** A recorded text file (tool output, hosts file ...). */
    public static String referenceText(String scenario, String file) {
        try {
            return Files.readString(REFDATA.resolve(scenario).resolve(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The recording's T0 (MARK T0) in epoch nanoseconds, from a capture point's first frame: its absolute time in the
     * pcap minus its "+seconds" in the matching {@code .rel.txt}.
     */
    public static long origin(String scenario, String point) {
        List<PcapRecord> recs = reference(scenario, point);
        for (String line : referenceText(scenario, point + ".rel.txt").split("\n")) {
            String t = line.strip();
            if (t.startsWith("+")) {
                String rel = t.substring(1, t.indexOf(' '));
                long relNanos = new java.math.BigDecimal(rel).movePointRight(9).longValueExact();
                return recs.get(0).epochNanos() - relNanos;
            }
        }
        throw new IllegalArgumentException("no frames in " + scenario + "/" + point + ".rel.txt");
    }

    /** Records captured between {@code fromEpochNanos} (inclusive) and {@code toEpochNanos} (exclusive). */
    public static List<PcapRecord> window(List<PcapRecord> records, long fromEpochNanos, long toEpochNanos) {
        List<PcapRecord> out = new ArrayList<>();
        for (PcapRecord r : records) {
            long t = r.epochNanos();
            if (t >= fromEpochNanos && t < toEpochNanos) {
                out.add(r);
            }
        }
        return out;
    }

    /** A copy of {@code frame} with the fields {@code mask} names set to zero (Ethernet/IPv4/ICMP/UDP, errors' quotes too). */
    public static byte[] masked(byte[] frame, Mask mask) {
        byte[] f = frame.clone();
        if (f.length < ETH + 20 || u16(f, 12) != 0x0800) {
            return f;
        }
        maskIp(f, ETH, f.length, mask, false);
        return f;
    }

    private static void maskIp(byte[] f, int ip, int end, Mask mask, boolean quoted) {
        if (ip + 20 > end || (f[ip] & 0xf0) != 0x40) {
            return;
        }
        int hl = (f[ip] & 0x0f) * 4;
        if (mask.ipId) {
            zero(f, ip + 4, 2, end);
        }
        if (mask.checksums) {
            zero(f, ip + 10, 2, end);
        }
        int proto = f[ip + 9] & 0xff;
        int l4 = ip + hl;
        int l4End = Math.min(end, ip + u16(f, ip + 2));
        if (proto == 1 && l4 + 8 <= end) {
            int type = f[l4] & 0xff;
            if (mask.checksums) {
                zero(f, l4 + 2, 2, end);
            }
            if (type == 0 || type == 8) {
                if (mask.icmpEchoId) {
                    zero(f, l4 + 4, 2, end);
                }
                if (mask.pingTimestamp && l4End - (l4 + 8) >= 16) {
                    zero(f, l4 + 8, 16, end);
                } else if (mask.pingTimestamp && quoted) {
                    zero(f, l4 + 8, Math.min(16, end - (l4 + 8)), end);
                }
            } else if (!quoted && (type == 3 || type == 4 || type == 5 || type == 11 || type == 12)) {
                maskIp(f, l4 + 8, end, mask, true);
            }
        } else if (proto == 17 && l4 + 8 <= end) {
            if (mask.udpSourcePort) {
                zero(f, l4, 2, end);
            }
            if (mask.checksums) {
                zero(f, l4 + 6, 2, end);
            }
        }
    }

    private static void zero(byte[] f, int off, int len, int end) {
        for (int i = off; i < off + len && i < end && i < f.length; i++) {
            f[i] = 0;
        }
    }

    private static int u16(byte[] f, int off) {
        return (f[off] & 0xff) << 8 | (f[off + 1] & 0xff);
    }

    /**
     * Asserts the same frames in the same order, equal after masking. The message names the first differing frame
     * and shows both in hex.
     */
    public static void assertSameFrames(List<PcapRecord> expected, List<PcapRecord> actual, Mask mask) {
        StringBuilder why = new StringBuilder();
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            byte[] e = masked(expected.get(i).data(), mask);
            byte[] a = masked(actual.get(i).data(), mask);
            if (!java.util.Arrays.equals(e, a)) {
                why.append("frame ").append(i + 1).append(" differs (masked):\n  expected ").append(hex(e))
                        .append("\n  actual   ").append(hex(a)).append('\n');
                break;
            }
        }
        if (why.isEmpty() && expected.size() != actual.size()) {
            why.append("expected ").append(expected.size()).append(" frames, got ").append(actual.size()).append('\n');
        }
        if (!why.isEmpty()) {
            why.append(listing("expected", expected)).append(listing("actual", actual));
            throw new AssertionError(why.toString());
        }
    }

    public static void assertSameFrames(List<PcapRecord> expected, List<PcapRecord> actual) {
        assertSameFrames(expected, actual, Mask.DEFAULT);
    }

    /**
     * Asserts that each frame's time relative to its run's origin is within {@code toleranceNanos} of the recording's
     * (frames paired by position; call after {@link #assertSameFrames}).
     */
    public static void assertTimesWithin(List<PcapRecord> expected, long expectedOrigin, List<PcapRecord> actual,
                                         long actualOrigin, long toleranceNanos) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            long e = expected.get(i).epochNanos() - expectedOrigin;
            long a = actual.get(i).epochNanos() - actualOrigin;
            if (Math.abs(e - a) > toleranceNanos) {
                throw new AssertionError(String.format("frame %d at +%.6f s, recording has it at +%.6f s (tolerance %.3f s)",
                        i + 1, a / 1e9, e / 1e9, toleranceNanos / 1e9));
            }
        }
    }

    private static String listing(String title, List<PcapRecord> records) {
        StringBuilder sb = new StringBuilder(title).append(":\n");
        long t0 = records.isEmpty() ? 0 : records.get(0).epochNanos();
        for (PcapRecord r : records) {
            sb.append(String.format("  +%.6f ", (r.epochNanos() - t0) / 1e9)).append(summary(r.data())).append('\n');
        }
        return sb.toString();
    }

    private static String summary(byte[] f) {
        if (f.length < ETH) {
            return "runt " + f.length;
        }
        int type = u16(f, 12);
        if (type == 0x0806 && f.length >= ETH + 28) {
            int op = u16(f, ETH + 6);
            return String.format("ARP %s %d.%d.%d.%d -> %d.%d.%d.%d len %d", op == 1 ? "request" : op == 2 ? "reply" : "op" + op,
                    f[ETH + 14] & 0xff, f[ETH + 15] & 0xff, f[ETH + 16] & 0xff, f[ETH + 17] & 0xff,
                    f[ETH + 24] & 0xff, f[ETH + 25] & 0xff, f[ETH + 26] & 0xff, f[ETH + 27] & 0xff, f.length);
        }
        if (type == 0x0800 && f.length >= ETH + 20) {
            int proto = f[ETH + 9] & 0xff;
            String what = proto == 1 && f.length > ETH + 20 ? "ICMP type " + (f[ETH + 20] & 0xff) : "proto " + proto;
            return String.format("IPv4 %d.%d.%d.%d -> %d.%d.%d.%d %s len %d", f[ETH + 12] & 0xff, f[ETH + 13] & 0xff,
                    f[ETH + 14] & 0xff, f[ETH + 15] & 0xff, f[ETH + 16] & 0xff, f[ETH + 17] & 0xff, f[ETH + 18] & 0xff,
                    f[ETH + 19] & 0xff, what, f.length);
        }
        return String.format("ethertype 0x%04x len %d", type, f.length);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static final Pattern TIME_EQ = Pattern.compile("time=\\d+(\\.\\d+)? ms");
    private static final Pattern TIME_TOTAL = Pattern.compile("time \\d+ms");
    private static final Pattern RTT = Pattern.compile("rtt min/avg/max/mdev = [\\d./]+ ms");
    private static final Pattern IPG = Pattern.compile("ipg/ewma [\\d./]+ ms");
    private static final Pattern ARPING_MS = Pattern.compile("\\] +\\d+\\.\\d{3}ms");

    /** Tool output with the measured times blanked: ping's time=, total time, rtt and ipg lines, arping's ms. */
    public static String maskTimes(String output) {
        String s = TIME_EQ.matcher(output).replaceAll("time=_ ms");
        s = TIME_TOTAL.matcher(s).replaceAll("time _ms");
        s = RTT.matcher(s).replaceAll("rtt min/avg/max/mdev = _ ms");
        s = IPG.matcher(s).replaceAll("ipg/ewma _ ms");
        return ARPING_MS.matcher(s).replaceAll("]  _ms");
    }

    /** Asserts equal output apart from measured times. */
    public static void assertSameOutput(String expected, String actual) {
        String e = maskTimes(expected);
        String a = maskTimes(actual);
        if (!e.equals(a)) {
            throw new AssertionError("output differs (times masked)\n--- expected\n" + e + "--- actual\n" + a);
        }
    }
}
