package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.observe.MemoryCapture;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * arp-scan's request options, verbosity, duplicates, --limit, --random, --file and -W replayed in the lab of
 * refdata/local/security/record-scan.sh: each command's transcript (scan.out) and the frames n1's capture held
 * around it (scan.tcpdump, tcpdump -nn -e -xx without times).
 */
class ArpScanRequestsTest {
    private static final String[] NODES = {"host", "n1", "n2", "n3"};

    @Test
    void scansAsTheRealOneDid() throws IOException {
        replay("scan.out", "scan.tcpdump");
    }

    /** The random campaigns of src/test/scripts/gen-scan.py, recorded by record-scan-random.sh. */
    @org.junit.jupiter.params.ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.MethodSource("randomSeeds")
    void randomCampaignsAsTheRealOneDid(String seed) throws IOException {
        replay("scan-random/" + seed + ".out", "scan-random/" + seed + ".tcpdump");
    }

    static List<String> randomSeeds() throws IOException {
        try (var files = Files.list(SecurityLab.DIR.resolve("scan-random"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".out"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        }
    }

    private static void replay(String out, String tcpdump) throws IOException {
        Path tmp = Files.createTempDirectory("tmp.");
        Path hosts = tmp.resolve("hosts");
        // record-scan.sh's hosts file: a word and a comment, an empty line, an indented address, a prefix, a comment
        Files.writeString(hosts, "172.28.0.12 first\n\n  172.28.0.13\n172.28.0.0/30\n# comment\n");
        Files.writeString(tmp.resolve("long"), "a".repeat(300) + "\n"); // longer than one fgets()
        Files.writeString(tmp.resolve("oui"), "0242AC\tDocker (test)\nbad line\n02:42:ac:1c:00:0c\t  one host\n");
        SecurityLab s = new SecurityLab();
        Map<String, List<String>> frames = new LinkedHashMap<>();
        StringBuilder want = new StringBuilder();
        String recorded = SecurityLab.recorded(out);
        for (String block : recorded.split("(?=\\$ [a-z0-9]+: )")) {
            String title = block.substring(2, block.indexOf('\n'));
            String node = title.substring(0, title.indexOf(':'));
            String command = title.substring(node.length() + 2).replaceAll("/tmp/tmp\\.[A-Za-z0-9]+/", tmp + "/");
            if (node.equals("host")) { // the saved file, read back by tcpdump
                s.note("host", title.substring(6), readBack(tmp.resolve("saved.pcap")), -1);
                want.append(block.replaceFirst("\\[exit -?[0-9]+\\]\n$", ""));
                continue;
            }
            if (!command.startsWith("arp-scan")) { // the lab's own changes between the scans (n3's addresses)
                s.run(node, command);
                want.append(block);
                continue;
            }
            for (String n : NODES) {
                s.lab.exec(n, "ip neigh flush all");
            }
            s.sleep(0.5);
            int before = s.n1Capture.records().size();
            if (command.contains("--file=-")) {
                s.piped("n1", title.substring(4), CommandLineSplitter.split(command), Files.readString(hosts));
            } else {
                s.run("n1", command);
            }
            s.sleep(0.3);
            frames.put(SecurityLab.mask(title), print(s.n1Capture, before));
            want.append(block);
        }
        String got = s.transcript().replace(tmp + "/", "/tmp/T/").replaceAll("\\[exit -1\\]\n", "");
        List<String> gotCases = cases(ArpScanTest.mask(got));
        List<String> wantCases = cases(ArpScanTest.mask(SecurityLab.mask(want.toString())));
        Map<String, List<String>> wantFrames = recordedFrames(tcpdump);
        int whole = 0;
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        for (int i = 0; i < wantCases.size(); i++) {
            String title = wantCases.get(i).substring(2, wantCases.get(i).indexOf('\n'));
            List<String> f = wantFrames.get(title);
            boolean same = i < gotCases.size() && gotCases.get(i).equals(wantCases.get(i))
                    && (f == null || f.equals(frames.get(title)));
            whole += same ? 1 : 0;
            soft.assertThat(i < gotCases.size() ? gotCases.get(i) : null).as(title).isEqualTo(wantCases.get(i));
            if (f != null) {
                soft.assertThat(frames.get(title)).as("frames of " + title).isEqualTo(f);
            }
        }
        System.out.println("ArpScanRequestsTest " + out + ": " + whole + " of " + wantCases.size() + " cases whole");
        assertThat(gotCases).hasSameSizeAs(wantCases);
        soft.assertAll();
    }

    // a transcript's cases, each from its "$ node: command" line
    private static List<String> cases(String transcript) {
        return List.of(transcript.split("(?=\\$ [a-z0-9]+: )"));
    }

    // scan.tcpdump: each case's frames after its "=== COMMAND" line; the temp directory masked
    private static Map<String, List<String>> recordedFrames(String file) throws IOException {
        Map<String, List<String>> m = new LinkedHashMap<>();
        List<String> cur = null;
        for (String line : SecurityLab.recorded(file).split("\n")) {
            if (line.startsWith("=== ")) {
                cur = new ArrayList<>();
                m.put(SecurityLab.mask("n1: " + line.substring(4)), cur);
            } else if (cur != null) {
                cur.add(line);
            }
        }
        return m;
    }

    private static List<String> print(MemoryCapture c, int from) {
        TcpdumpPrinter p = new TcpdumpPrinter(new TcpdumpOptions(true, true, 0,
                TcpdumpOptions.TimestampStyle.NONE, 2, ZoneOffset.UTC));
        List<String> lines = new ArrayList<>();
        List<PcapRecord> records = c.records();
        for (int i = from; i < records.size(); i++) {
            StringBuilder sb = new StringBuilder();
            p.print(records.get(i), sb);
            lines.addAll(List.of(sb.toString().stripTrailing().split("\n")));
        }
        return lines;
    }

    // tcpdump -nn -e -r of the -W file, as record-scan.sh prints it
    private static String readBack(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "tcpdump: " + file + ": No such file or directory\n";
        }
        int snaplen;
        try (var r = io.arplab.wire.pcap.PcapReader.open(file)) {
            snaplen = r.snaplen();
        }
        StringBuilder out = new StringBuilder("reading from file " + file + ", link-type EN10MB (Ethernet), "
                + "snapshot length " + snaplen + "\n");
        TcpdumpPrinter p = new TcpdumpPrinter(new TcpdumpOptions(true, true, 0,
                TcpdumpOptions.TimestampStyle.NONE, 0, ZoneOffset.UTC));
        for (PcapRecord r : io.arplab.wire.pcap.PcapReader.readAll(file)) {
            StringBuilder sb = new StringBuilder();
            p.print(r, sb);
            out.append(sb);
        }
        return out.toString();
    }
}
