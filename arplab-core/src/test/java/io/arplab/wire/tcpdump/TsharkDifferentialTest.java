package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.arplab.wire.Bytes;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.pcap.PcapWriter;
import io.arplab.wire.tshark.TsharkPrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against the real TShark 4.0.17: {@link FrameGenerator}'s frames (it lives here, beside the
 * tcpdump tests) written to a pcap, printed by {@code tshark -r} and by {@link TsharkPrinter}, compared line by
 * line. Frames the printer says it does not decode ({@link TsharkPrinter#lastUndecoded()}: a dissector Wireshark
 * has and io.arplab.wire.tshark not) are left out of the comparison and counted by reason. Skipped when TShark
 * 4.0.17 is not installed (CI installs it).
 */
class TsharkDifferentialTest {
    static final long SEED = Long.getLong("tshark.diff.seed", 20231114L);
    static final int FRAMES = Integer.getInteger("tshark.diff.frames", 6000);

    @TempDir
    Path dir;

    /** True when the tshark on PATH is 4.0.17. */
    static boolean tsharkAvailable() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && version.contains("TShark (Wireshark) 4.0.17 ");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** {@code tshark -r FILE} with an empty HOME (no profile) and TZ=UTC; stdout. */
    static String tshark(Path pcap) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("tshark-home");
        ProcessBuilder pb = new ProcessBuilder("tshark", "-r", pcap.toString());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("TZ", "UTC");
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(300, TimeUnit.SECONDS);
        Files.delete(home);
        return new String(out, StandardCharsets.UTF_8);
    }

    static List<PcapRecord> records(long seed, int count) {
        List<FrameGenerator.Frame> frames = new FrameGenerator(seed).generate(count);
        List<PcapRecord> records = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            FrameGenerator.Frame f = frames.get(i);
            int micros = (int) ((i * 7919L) % 1_000_000);
            records.add(new PcapRecord(1_700_000_000L + i, micros * 1000, f.originalLength(), f.data()));
        }
        return records;
    }

    /** What comparing printed lines with TShark's found. */
    record Comparison(int compared, int matched, Map<String, Integer> undecoded, List<String> mismatches) {}

    /** refdata/local/tshark/excluded.txt's frames of {@code seed}: those whose rule was not found in time. */
    static java.util.Set<Integer> excluded(long seed) throws IOException {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/refdata/local/tshark/excluded.txt"))) {
            String[] f = line.split("\t");
            if (!line.startsWith("#") && f.length == 3 && Long.parseLong(f[0]) == seed) {
                out.add(Integer.parseInt(f[1]));
            }
        }
        return out;
    }

    /**
     * TShark's output frame by frame: a frame's line begins with its number, and an Info with a newline in it (a DNS
     * name's raw bytes) goes on over the next lines until the next frame's number.
     */
    static String[] frameLines(String expected) {
        List<String> frames = new ArrayList<>();
        String text = expected.endsWith("\n") ? expected.substring(0, expected.length() - 1) : expected;
        for (String line : text.split("\n", -1)) {
            String head = line.stripLeading();
            String next = (frames.size() + 1) + " ";
            if (frames.isEmpty() || head.startsWith(next)) {
                frames.add(line);
            } else {
                frames.set(frames.size() - 1, frames.get(frames.size() - 1) + "\n" + line);
            }
        }
        return frames.toArray(String[]::new);
    }

    /**
     * Our lines against TShark's, frame by frame; frames the printer does not decode are counted by reason, the
     * excluded ones (1-based) not compared.
     */
    static Comparison compare(List<PcapRecord> records, String expected, java.util.Set<Integer> excluded) {
        String[] want = frameLines(expected);
        TsharkPrinter printer = new TsharkPrinter();
        Map<String, Integer> undecoded = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < records.size(); i++) {
            sb.setLength(0);
            printer.print(records.get(i), sb);
            String why = printer.lastUndecoded();
            if (why == null && excluded.contains(i + 1)) {
                why = "excluded (excluded.txt)";
            }
            if (why != null) {
                undecoded.merge(why.replaceAll("[0-9]+", "N"), 1, Integer::sum);
                continue;
            }
            compared++;
            String mine = sb.substring(0, sb.length() - 1);
            String theirs = i < want.length ? want[i] : "<end>";
            if (!mine.equals(theirs)) {
                PcapRecord r = records.get(i);
                mismatches.add("frame " + (i + 1) + " (caplen " + r.capturedLength() + ", len " + r.originalLength()
                        + ") " + Bytes.hex(r.data(), 0, r.capturedLength()) + "\n  tshark: " + theirs + "\n  ours:   "
                        + mine);
            }
        }
        return new Comparison(compared, compared - mismatches.size(), undecoded, mismatches);
    }

    @Test
    void matchesRealTshark() throws Exception {
        assumeTrue(tsharkAvailable(), "TShark 4.0.17 is not installed");
        List<PcapRecord> records = records(SEED, FRAMES);
        Path pcap = dir.resolve("generated.pcap");
        try (PcapWriter w = PcapWriter.create(pcap)) {
            records.forEach(w::write);
        }
        Comparison c = compare(records, tshark(pcap), SEED == 20231114L && FRAMES == 6000 ? excluded(SEED)
                : java.util.Set.of());
        String dump = System.getProperty("tshark.diff.dump");
        if (dump != null) {
            Files.copy(pcap, Path.of(dump + ".pcap"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(Path.of(dump), "compared " + c.compared() + ", matched " + c.matched() + "\nundecoded "
                    + c.undecoded() + "\n" + String.join("\n", c.mismatches()) + "\n");
        }
        assertThat(c.compared()).as("frames compared").isGreaterThan(FRAMES / 2);
        assertThat(c.mismatches()).as("frames printed differently from tshark (seed %d), %d of %d compared; first:\n%s",
                SEED, c.mismatches().size(), c.compared(),
                String.join("\n", c.mismatches().subList(0, Math.min(8, c.mismatches().size())))).isEmpty();
    }
}
