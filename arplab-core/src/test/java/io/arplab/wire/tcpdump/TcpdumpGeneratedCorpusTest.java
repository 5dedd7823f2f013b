package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.Bytes;
import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions.TimestampStyle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated corpus (refdata/local/tcpdump/generated): {@link GeneratedCorpus}'s frames as tcpdump 4.99.3
 * printed them with each line of commands.txt (recorded by its record.sh). Needs no tcpdump.
 */
class TcpdumpGeneratedCorpusTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local/tcpdump/generated");

    static Stream<Arguments> commands() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("commands.txt"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String args = f.length > 1 ? f[1].trim() : "";
            out.add(Arguments.of(Named.of(f[0] + " (tcpdump " + args + ")", f[0]), options(args)));
        }
        return out.stream();
    }

    /** The options tcpdump's getopt makes of the recorded flags. */
    static TcpdumpOptions options(String args) {
        boolean n = false, e = false, q = false;
        int v = 0, t = 0, hex = 0;
        for (String a : args.isEmpty() ? new String[0] : args.split(" +")) {
            for (char c : a.substring(1).toCharArray()) {
                switch (c) {
                    case 'n' -> n = true;
                    case 'e' -> e = true;
                    case 'q' -> q = true;
                    case 'v' -> v++;
                    case 't' -> t++;
                    case 'x' -> hex = hex == 1 ? 2 : 1;
                    case 'X' -> hex = hex == 3 ? 4 : 3;
                    default -> throw new IllegalArgumentException("flag " + c + " in " + args);
                }
            }
        }
        TimestampStyle ts = switch (t) {
            case 0 -> TimestampStyle.TIME_OF_DAY;
            case 1 -> TimestampStyle.NONE;
            case 2 -> TimestampStyle.EPOCH;
            case 3 -> TimestampStyle.DELTA_PREVIOUS;
            case 4 -> TimestampStyle.DATE_TIME;
            default -> TimestampStyle.DELTA_FIRST;
        };
        return new TcpdumpOptions(n, e, v, ts, hex, ZoneId.of("UTC")).withQuick(q);
    }

    @Test
    void theCaptureIsWhatTheGeneratorMakes() {
        List<PcapRecord> recorded = PcapReader.readAll(DIR.resolve("generated.pcap"));
        List<PcapRecord> generated = GeneratedCorpus.records(GeneratedCorpus.SEED, GeneratedCorpus.FRAMES,
                GeneratedCorpus.SERVICE_FRAMES);
        assertThat(recorded).hasSameSizeAs(generated);
        for (int i = 0; i < recorded.size(); i++) {
            assertThat(recorded.get(i).data()).as("frame %d", i + 1).isEqualTo(generated.get(i).data());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void printsWhatTcpdumpPrinted(String name, TcpdumpOptions options) throws IOException {
        String expected = Files.readString(DIR.resolve(name + ".out"), StandardCharsets.ISO_8859_1);
        List<PcapRecord> records = PcapReader.readAll(DIR.resolve("generated.pcap"));
        TcpdumpPrinter printer = new TcpdumpPrinter(options);
        List<String> mine = new ArrayList<>(records.size());
        for (PcapRecord r : records) {
            StringBuilder sb = new StringBuilder();
            printer.print(r, sb);
            mine.add(sb.toString());
        }
        List<String> report = new ArrayList<>();
        int pos = 0;
        for (int i = 0; i < mine.size() && pos <= expected.length(); i++) {
            String m = mine.get(i);
            if (expected.startsWith(m, pos) && (i + 1 == mine.size() || startsFrame(expected, pos + m.length(),
                    mine.get(i + 1)))) {
                pos += m.length();
                continue;
            }
            int end = i + 1 < mine.size() ? nextFrame(expected, pos, mine.get(i + 1)) : expected.length();
            PcapRecord r = records.get(i);
            report.add("frame " + (i + 1) + " (caplen " + r.capturedLength() + ", len " + r.originalLength() + ") "
                    + Bytes.hex(r.data(), 0, r.capturedLength()) + "\n  tcpdump: "
                    + expected.substring(pos, end).replace("\n", "\n           ") + "\n  ours:    "
                    + m.replace("\n", "\n           "));
            pos = end;
        }
        if (report.isEmpty()) {
            assertThat(pos).as("all of tcpdump's output consumed").isEqualTo(expected.length());
        }
        assertThat(report).as("%d frames printed differently from tcpdump %s; first ones:\n%s", report.size(), name,
                String.join("\n", report.subList(0, Math.min(6, report.size())))).isEmpty();
    }

    /** A frame's first word (its time stamp) starts at {@code at}. */
    private static boolean startsFrame(String expected, int at, String next) {
        return expected.startsWith(stamp(next), at);
    }

    private static int nextFrame(String expected, int from, String next) {
        int at = expected.indexOf("\n" + stamp(next), from);
        return at < 0 ? expected.length() : at + 1;
    }

    private static String stamp(String frame) {
        int sp = frame.indexOf(' ');
        return sp < 0 ? frame : frame.substring(0, sp + 1);
    }
}
