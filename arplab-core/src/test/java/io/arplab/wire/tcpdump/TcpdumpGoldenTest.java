package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions.TimestampStyle;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden corpus: every public and held-out case folder, every recorded tcpdump flag set; stdout must be
 * byte-identical to what tcpdump 4.99.3 printed.
 */
class TcpdumpGoldenTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    /** The recorded commands (README of the corpus) and the options they stand for. */
    static TcpdumpOptions optionsFor(String name) {
        return switch (name) {
            case "tcpdump_n" -> new TcpdumpOptions(true, false, 0, TimestampStyle.TIME_OF_DAY, 0, UTC);
            case "tcpdump_ne" -> new TcpdumpOptions(true, true, 0, TimestampStyle.TIME_OF_DAY, 0, UTC);
            case "tcpdump_nv" -> new TcpdumpOptions(true, false, 1, TimestampStyle.TIME_OF_DAY, 0, UTC);
            case "tcpdump_ntt" -> new TcpdumpOptions(true, false, 0, TimestampStyle.EPOCH, 0, UTC);
            case "tcpdump_netvt" -> new TcpdumpOptions(true, true, 1, TimestampStyle.EPOCH, 0, UTC);
            case "tcpdump_plain" -> new TcpdumpOptions(false, false, 0, TimestampStyle.TIME_OF_DAY, 0, UTC);
            // round 22f only (record-heldout.sh): print-ahcp.c's options print at -vv
            case "tcpdump_nvv" -> new TcpdumpOptions(true, false, 2, TimestampStyle.TIME_OF_DAY, 0, UTC);
            default -> null;
        };
    }

    static Path corpus() throws URISyntaxException {
        return io.arplab.testing.TcpdumpCorpus.publicCases();
    }

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        List<Arguments> out = new ArrayList<>();
        List<Path> dirs = new ArrayList<>(io.arplab.testing.TcpdumpCorpus.caseDirs());
        Path heldout = io.arplab.testing.TcpdumpCorpus.heldoutCases();
        dirs.addAll(io.arplab.testing.TcpdumpCorpus.heldoutCaseDirs());
        java.util.Set<String> excluded = excluded(heldout.resolveSibling("heldout-excluded.txt"));
        for (Path dir : dirs) {
            String name = dir.getParent().getFileName() + "/" + dir.getFileName();
            for (String flags : List.of("tcpdump_n", "tcpdump_ne", "tcpdump_nv", "tcpdump_ntt", "tcpdump_netvt",
                    "tcpdump_plain", "tcpdump_nvv")) {
                Path expected = dir.resolve(flags + ".out");
                if (Files.exists(expected) && !excluded.contains(dir.getFileName().toString())
                        && !excluded.contains(dir.getFileName() + "/" + flags)) {
                    out.add(Arguments.of(Named.of(name + " " + flags, dir.resolve(dir.getFileName() + ".pcap")), flags,
                            expected));
                }
            }
        }
        return out.stream();
    }

    /**
     * heldout-excluded.txt: held-out cases ("case" or "case/flags", a tab, the reason) whose frames need printers
     * this package does not carry; they are recorded all the same.
     */
    static java.util.Set<String> excluded(Path file) throws IOException {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.split("\t", 2)[0]);
            }
        }
        return out;
    }

    static String render(Path pcap, TcpdumpOptions options) {
        TcpdumpPrinter printer = new TcpdumpPrinter(options);
        StringBuilder sb = new StringBuilder();
        for (PcapRecord r : PcapReader.readAll(pcap)) {
            printer.print(r, sb);
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsWhatTcpdumpPrints(Path pcap, String flags, Path expected) throws IOException {
        String want = Files.readString(expected, StandardCharsets.UTF_8);
        assertThat(render(pcap, optionsFor(flags))).isEqualTo(want);
    }
}
