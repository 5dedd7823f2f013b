package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.arplab.wire.Bytes;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.pcap.PcapWriter;
import io.arplab.wire.tcpdump.TcpdumpOptions.TimestampStyle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test against the real tcpdump: thousands of generated frames are written to a pcap, rendered
 * by {@code tcpdump -r} with each flag set and by our printer, and compared frame by frame. Skipped when
 * tcpdump is not installed (CI installs it).
 */
class TcpdumpDifferentialTest {
    static final long SEED = Long.getLong("tcpdump.diff.seed", 20231114L);
    static final int FRAMES = Integer.getInteger("tcpdump.diff.frames", 10000);
    private static final ZoneId UTC = ZoneId.of("UTC");

    @TempDir
    static Path dir;
    static Path pcap;
    static List<PcapRecord> records;
    static boolean unshare;

    record FlagSet(String name, List<String> args, TcpdumpOptions options) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<FlagSet> flagSets() {
        return List.of(
                set("-n", false, 0, TimestampStyle.TIME_OF_DAY, 0, true, "-n"),
                set("-n -e", true, 0, TimestampStyle.TIME_OF_DAY, 0, true, "-n", "-e"),
                set("-n -v", false, 1, TimestampStyle.TIME_OF_DAY, 0, true, "-n", "-v"),
                set("-n -tt", false, 0, TimestampStyle.EPOCH, 0, true, "-n", "-tt"),
                set("-n -e -v -tt", true, 1, TimestampStyle.EPOCH, 0, true, "-n", "-e", "-v", "-tt"),
                set("plain", false, 0, TimestampStyle.TIME_OF_DAY, 0, false),
                set("-e (no -n)", true, 0, TimestampStyle.TIME_OF_DAY, 0, false, "-e"),
                set("-n -x", false, 0, TimestampStyle.TIME_OF_DAY, 1, true, "-n", "-x"),
                set("-n -e -XX", true, 0, TimestampStyle.TIME_OF_DAY, 4, true, "-n", "-e", "-XX"),
                set("-n -v -X -tttt", false, 1, TimestampStyle.DATE_TIME, 3, true, "-n", "-v", "-X", "-tttt"),
                set("-n -xx -ttt", false, 0, TimestampStyle.DELTA_PREVIOUS, 2, true, "-n", "-xx", "-ttt"),
                set("-n -ttttt", false, 0, TimestampStyle.DELTA_FIRST, 0, true, "-n", "-ttttt"),
                set("-n -A", false, 0, TimestampStyle.TIME_OF_DAY, 5, true, "-n", "-A"),
                set("-n -e -AA -v", true, 1, TimestampStyle.TIME_OF_DAY, 6, true, "-n", "-e", "-AA", "-v"),
                set("-n -t -vv", false, 2, TimestampStyle.NONE, 0, true, "-n", "-t", "-vv"),
                set("-n -vvv -e", true, 3, TimestampStyle.TIME_OF_DAY, 0, true, "-n", "-vvv", "-e"),
                set("-v -e (no -n)", true, 1, TimestampStyle.TIME_OF_DAY, 0, false, "-v", "-e"),
                new FlagSet("-n -q", List.of("-n", "-q"), new TcpdumpOptions(true, false, 0,
                        TimestampStyle.TIME_OF_DAY, 0, UTC).withQuick(true)),
                new FlagSet("-q -e -v (no -n)", List.of("-q", "-e", "-v"), new TcpdumpOptions(false, true, 1,
                        TimestampStyle.TIME_OF_DAY, 0, UTC).withQuick(true)),
                new FlagSet("-n -tttt in America/New_York", List.of("-n", "-tttt"), new TcpdumpOptions(true, false, 0,
                        TimestampStyle.DATE_TIME, 0, ZoneId.of("America/New_York"))),
                new FlagSet("-n in Asia/Kolkata", List.of("-n"), new TcpdumpOptions(true, false, 0,
                        TimestampStyle.TIME_OF_DAY, 0, ZoneId.of("Asia/Kolkata"))));
    }

    private static FlagSet set(String name, boolean e, int v, TimestampStyle ts, int hex, boolean numeric,
                               String... args) {
        return new FlagSet(name, List.of(args), new TcpdumpOptions(numeric, e, v, ts, hex, UTC));
    }

    /** True when the tcpdump on PATH is the version the printer reproduces (4.99.3). */
    static boolean tcpdumpAvailable() {
        try {
            Process p = new ProcessBuilder("tcpdump", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0
                    && version.startsWith("tcpdump version 4.99.3");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @BeforeAll
    static void writeCapture() throws Exception {
        if (!tcpdumpAvailable()) {
            return;
        }
        List<FrameGenerator.Frame> frames = new FrameGenerator(SEED).generate(FRAMES);
        records = new ArrayList<>(frames.size());
        long base = 1_700_000_000L;
        for (int i = 0; i < frames.size(); i++) {
            FrameGenerator.Frame f = frames.get(i);
            int micros = (int) ((i * 7919L) % 1_000_000);
            PcapRecord r = new PcapRecord(base + i, micros * 1000, f.originalLength(), f.data());
            if (!outOfScope(r)) {
                records.add(r);
            }
        }
        pcap = dir.resolve("generated.pcap");
        try (PcapWriter w = PcapWriter.create(pcap)) {
            for (PcapRecord r : records) {
                w.write(r);
            }
        }
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            unshare = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            unshare = false;
        }
    }

    static String tcpdump(FlagSet set) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (!set.options().numeric()) {
            cmd.add("unshare");
            cmd.add("-n");
        }
        cmd.add("tcpdump");
        cmd.addAll(set.args());
        cmd.add("-r");
        cmd.add(pcap.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("TZ", set.options().zone().getId());
        env.put("LC_ALL", "C.UTF-8");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "tcpdump {0}")
    @MethodSource("flagSets")
    void matchesRealTcpdump(FlagSet set) throws Exception {
        assumeTrue(records != null, "tcpdump 4.99.3 is not installed");
        assumeTrue(set.options().numeric() || unshare, "no network namespace for the name-resolving run");
        String expected = tcpdump(set);
        TcpdumpPrinter printer = new TcpdumpPrinter(set.options());
        List<String> mine = new ArrayList<>(records.size());
        StringBuilder all = new StringBuilder();
        StringBuilder sb = new StringBuilder();
        for (PcapRecord r : records) {
            sb.setLength(0);
            printer.print(r, sb);
            mine.add(sb.toString());
            all.append(sb);
        }
        if (expected.contentEquals(all)) {
            return;
        }
        List<String> report = mismatches(expected, mine, set);
        String dump = System.getProperty("tcpdump.diff.dump");
        if (dump != null) {
            Files.writeString(Path.of(dump + "-" + set.name().replaceAll("[^a-zA-Z0-9]+", "_") + ".txt"),
                    String.join("\n", report));
        }
        assertThat(report).as("frames printed differently from tcpdump %s (seed %d); first ones:\n%s",
                set.name(), SEED, String.join("\n", report.subList(0, Math.min(8, report.size())))).isEmpty();
    }

    /** Ethertypes tcpdump decodes with printers this printer does not have (MPLS, PPPoE, EAPOL ...). */
    private static final java.util.Set<Integer> UNDECODED_HERE = java.util.Set.of(0x8847, 0x8848, 0x8863, 0x8864,
            0x3c12, 0x3c13, 0x888e, 0x8899, 0x880b, 0x8808, 0x8809, 0x8902, 0xabcd, 0x894f, 0x9000, 0x88ca, 0x886f,
            0x0707, 0x8947, 0x1111, 0x88a2, 0x88f7, 0xd28b, 0x88e5, 0x6003, 0x809b, 0x80f3, 0x8137, 0xfefe);

    /** True when the frame's final ethertype is one of those: such frames are not compared. */
    static boolean outOfScope(PcapRecord r) {
        byte[] b = r.data();
        int off = 12;
        while (off + 2 <= b.length) {
            int type = ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
            if (type == 0x8100 || type == 0x88a8 || type == 0x9100 || type == 0x9200) {
                off += 4;
                continue;
            }
            return UNDECODED_HERE.contains(type);
        }
        return false;
    }

    /** Frame-by-frame comparison; frames are found in tcpdump's output by their (unique) time stamps. */
    private static List<String> mismatches(String expected, List<String> mine, FlagSet set) {
        List<String> report = new ArrayList<>();
        boolean delimited = switch (set.options().timestamps()) {
            case TIME_OF_DAY, EPOCH, DATE_TIME -> true;
            default -> false;
        };
        if (!delimited) {
            String actual = String.join("", mine);
            int line = 0;
            String[] e = expected.split("\n", -1);
            String[] a = actual.split("\n", -1);
            while (line < Math.min(e.length, a.length) && e[line].equals(a[line])) {
                line++;
            }
            report.add("first difference at output line " + (line + 1) + ":\n  tcpdump: "
                    + (line < e.length ? e[line] : "<end>") + "\n  ours:    " + (line < a.length ? a[line] : "<end>"));
            return report;
        }
        int pos = 0;
        for (int i = 0; i < mine.size(); i++) {
            String m = mine.get(i);
            int end;
            if (i + 1 < mine.size()) {
                String next = mine.get(i + 1);
                String prefix = next.substring(0, Math.max(0, Math.min(next.indexOf(' ') + 1, next.length())));
                int at = expected.indexOf("\n" + prefix, pos);
                end = at < 0 ? expected.length() : at + 1;
            } else {
                end = expected.length();
            }
            String e = expected.substring(Math.min(pos, expected.length()), Math.max(pos, Math.min(end, expected.length())));
            if (!e.equals(m)) {
                PcapRecord r = records.get(i);
                report.add("frame " + (i + 1) + " (caplen " + r.capturedLength() + ", len " + r.originalLength()
                        + ") " + Bytes.hex(r.data(), 0, r.capturedLength()) + "\n  tcpdump: " + e.replace("\n", "\n           ")
                        + "\n  ours:    " + m.replace("\n", "\n           "));
            }
            pos = end;
        }
        return report;
    }
}
