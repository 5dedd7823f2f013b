package io.arplab.wire.pcap;

import static io.arplab.wire.pcap.CaptureFixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.arplab.testing.RealTools;
import io.arplab.wire.pcap.CaptureFixtures.Classic;
import io.arplab.wire.pcap.CaptureFixtures.Ng;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our files against the real tools: tcpdump and tshark open what PcapWriter writes; we read what they write. */
class CaptureInteropTest {
    @TempDir
    Path dir;

    private List<PcapRecord> sample() {
        List<PcapRecord> out = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            byte[] f = frame(60 + 7 * i, i);
            int caplen = i % 5 == 4 ? 40 : f.length;
            out.add(new PcapRecord(1_700_000_000L + i, 1_000 * i + (i % 3 == 0 ? 789 : 0), f.length,
                    Arrays.copyOf(f, caplen)));
        }
        return out;
    }

    private Path write(String name, List<PcapRecord> records, boolean nanos) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(b, LinkType.ETHERNET, PcapWriter.DEFAULT_SNAPLEN, nanos)) {
            records.forEach(w::write);
        }
        Path p = dir.resolve(name);
        Files.write(p, b.toByteArray());
        return p;
    }

    @ParameterizedTest(name = "nanoseconds={0}")
    @ValueSource(booleans = {false, true})
    void tcpdumpAndTsharkOpenWhatWeWrite(boolean nanos) throws IOException {
        Path p = write("w.pcap", sample(), nanos);
        if (RealTools.has("tcpdump")) {
            RealTools.Result r = RealTools.run(List.of("tcpdump", "-n", "-tt", "-r", p.toString()));
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEqualTo("reading from file " + p + ", link-type EN10MB (Ethernet), snapshot length 262144\n");
            assertThat(r.out().lines().filter(l -> l.startsWith("17000000")).count()).isEqualTo(25);
        }
        if (RealTools.has("tshark")) {
            RealTools.Result r = RealTools.run(List.of("tshark", "-r", p.toString(), "-T", "fields", "-e",
                    "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len"));
            assertThat(r.exit()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines).hasSize(25);
            assertThat(lines.get(3)).startsWith(nanos ? "1700000003.000003789\t" : "1700000003.000003000\t");
            assertThat(lines.get(4)).endsWith("\t88\t40");
        }
        assumeTrue(RealTools.has("tcpdump") || RealTools.has("tshark"), "neither tcpdump nor tshark is installed");
    }

    @ParameterizedTest(name = "nanoseconds={0}")
    @ValueSource(booleans = {false, true})
    void weReadThePcapngThatEditcapAndTsharkWrite(boolean nanos) throws IOException {
        Path p = write("in.pcap", sample(), nanos);
        List<PcapRecord> records = CaptureReader.readAll(p);
        boolean any = false;
        if (RealTools.has("editcap")) {
            Path ng = dir.resolve("editcap.pcapng");
            RealTools.Result r = RealTools.run(List.of("editcap", "-F", "pcapng", p.toString(), ng.toString()));
            assertThat(r.exit()).as(r.err()).isZero();
            assertSameRecords(CaptureReader.readAll(ng), records);
            any = true;
        }
        if (RealTools.has("tshark")) {
            Path ng = dir.resolve("tshark.pcapng");
            RealTools.Result r = RealTools.run(List.of("tshark", "-r", p.toString(), "-F", "pcapng", "-w", ng.toString()));
            assertThat(r.exit()).as(r.err()).isZero();
            try (CaptureReader reader = CaptureReader.open(ng)) {
                assertThat(reader.format()).isEqualTo("pcapng");
                assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
                assertThat(reader.snaplen()).isEqualTo(262144);
            }
            assertSameRecords(CaptureReader.readAll(ng), records);
            any = true;
        }
        assumeTrue(any, "neither editcap nor tshark is installed");
    }

    private static void assertSameRecords(List<PcapRecord> actual, List<PcapRecord> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            PcapRecord a = actual.get(i);
            PcapRecord e = expected.get(i);
            assertThat(a.epochNanos()).as("time of record %d", i).isEqualTo(e.epochNanos());
            assertThat(a.originalLength()).as("length of record %d", i).isEqualTo(e.originalLength());
            assertThat(a.data()).as("bytes of record %d", i).isEqualTo(e.data());
        }
    }

    @Test
    void snapshotLengthIsWhatTcpdumpReports() throws IOException {
        assumeTrue(RealTools.has("tcpdump"), "tcpdump is not installed");
        Pattern snap = Pattern.compile("snapshot length (\\d+)");
        for (long s : new long[] {0, 96, 65535, 262144, 262145, 1_000_000, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL}) {
            Path p = dir.resolve("s" + s + ".pcap");
            Files.write(p, new Classic(false, PcapReader.MAGIC_USEC, 2, 4, s, 1).record(1, 0, frame(60, 1)).done());
            RealTools.Result r = RealTools.run(List.of("tcpdump", "-n", "-r", p.toString()));
            Matcher m = snap.matcher(r.err());
            assertThat(m.find()).as(r.err()).isTrue();
            try (CaptureReader reader = CaptureReader.open(p)) {
                assertThat(reader.snaplen()).as("snaplen %d", s).isEqualTo(Integer.parseInt(m.group(1)));
            }
        }
    }

    /** Damaged files: tcpdump's complaint contains ours (we add the file name before and the place after). */
    @Test
    void damagedFilesAreDescribedInTcpdumpsWords() throws IOException {
        assumeTrue(RealTools.has("tcpdump"), "tcpdump is not installed");
        byte[] good = Classic.ethernet(false, false).record(1, 0, frame(42, 1)).record(2, 0, frame(42, 2)).done();
        byte[] ng = new Ng(false).shb().idb(1, 0).epb(0, 1, frame(30, 1)).epb(0, 2, frame(30, 2)).done();
        byte[] ngGood = new Ng(false).shb().idb(1, 0).epb(0, 1, frame(30, 1)).done();
        Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
        cases.put("empty", new byte[0]);
        cases.put("text", "this is not a capture file at all\n".getBytes());
        cases.put("short-magic", Arrays.copyOf(good, 3));
        cases.put("short-header", Arrays.copyOf(good, 10));
        cases.put("cut-record-header", Arrays.copyOf(good, 24 + 58 + 9));
        cases.put("cut-record-data", Arrays.copyOf(good, good.length - 3));
        cases.put("archaic", new Classic(false, PcapReader.MAGIC_USEC, 1, 0, 0, 1).done());
        cases.put("version", new Classic(true, PcapReader.MAGIC_NSEC, 2, 7, 0, 1).done());
        cases.put("huge-caplen", Classic.ethernet(false, false).record(1, 0, 400_000, 400_000, new byte[0]).done());
        cases.put("ng-cut", Arrays.copyOf(ng, ng.length - 6));
        cases.put("ng-no-idb", new Ng(false).shb().done());
        cases.put("ng-packet-first", new Ng(false).shb().epb(0, 1, frame(10, 1)).done());
        cases.put("ng-version", new Ng(true).shb(1, 1).done());
        cases.put("ng-bad-length", concat(ngGood, new CaptureFixtures.Out(false).u32(6).u32(22).bytes(new byte[14]).done()));
        cases.put("ng-trailer", concat(ngGood, new CaptureFixtures.Out(false).u32(6).u32(20).bytes(new byte[8]).u32(24).done()));
        cases.put("ng-interface", concat(ngGood, new Ng(false).epb(2, 1, frame(10, 1)).done()));
        cases.put("ng-linktype", concat(ngGood, new Ng(false).idb(101, 0).done()));
        for (var c : cases.entrySet()) {
            Path p = dir.resolve(c.getKey() + ".cap");
            Files.write(p, c.getValue());
            RealTools.Result r = RealTools.run(List.of("tcpdump", "-n", "-r", p.toString()));
            assertThat(r.exit()).as(c.getKey()).isNotZero();
            String ours = Reading.of(p.toString(), c.getValue()).faultDetail();
            assertThat(ours).as(c.getKey()).isNotNull();
            String words = ours.replaceFirst(" \\((packet|block) \\d+ at offset \\d+\\)$", "")
                    .replaceFirst(" \\(\\d+ and \\d+\\)$", "");
            assertThat(r.err()).as(c.getKey()).contains(words);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
