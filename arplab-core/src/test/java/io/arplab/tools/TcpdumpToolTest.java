package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.testing.Frames;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.pcap.PcapWriter;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpOptions.TimestampStyle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool's behaviour that does not depend on the printer's text: options, the stderr header line, exit statuses,
 * -c counting, which frames pass the filter. A stand-in printer writes "frame SECONDS" per frame.
 */
class TcpdumpToolTest {
    @TempDir
    Path dir;
    final List<TcpdumpOptions> seen = new ArrayList<>();
    String out;
    String err;

    @BeforeEach
    void writeCapture() throws IOException {
        List<PcapRecord> records = List.of(
                rec(1, Frames.pad(Frames.eth(Frames.BCAST, "02:42:ac:1c:00:0b", 0x0806,
                        Frames.arp(1, "02:42:ac:1c:00:0b", "172.28.0.11", "00:00:00:00:00:00", "172.28.0.13")))),
                rec(2, Frames.eth("02:42:ac:1c:00:0b", "02:42:ac:1c:00:0d", 0x0800,
                        Frames.ipv4("172.28.0.13", "172.28.0.11", 1, Frames.icmp(0, 0, 1, new byte[8])))),
                rec(3, Frames.eth("02:42:ac:1c:00:0d", "02:42:ac:1c:00:0b", 0x0800,
                        Frames.ipv4("172.28.0.11", "172.28.0.13", 17, Frames.udp(5000, 53, new byte[4])))),
                rec(4, Frames.pad(Frames.eth(Frames.BCAST, "02:42:ac:1c:00:0d", 0x0806,
                        Frames.arp(1, "02:42:ac:1c:00:0d", "172.28.0.13", "00:00:00:00:00:00", "172.28.0.11")))));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (PcapWriter w = PcapWriter.ethernet(b)) {
            records.forEach(w::write);
        }
        Files.write(dir.resolve("node1.pcap"), b.toByteArray());
        byte[] whole = b.toByteArray();
        Files.write(dir.resolve("damaged.pcap"), Arrays.copyOf(whole, whole.length - 10));
    }

    private static PcapRecord rec(long sec, byte[] frame) {
        return new PcapRecord(1_700_000_000L + sec, 0, frame.length, frame);
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = TcpdumpTool.run(List.of(args), dir, new PrintWriter(o), new PrintWriter(e), options -> {
            seen.add(options);
            return (r, sb) -> sb.append("frame ").append(r.seconds() - 1_700_000_000L).append('\n');
        });
        out = o.toString();
        err = e.toString();
        return rc;
    }

    @Test
    void printsTheReadingLineOnStderrAndEveryFrameOnStdout() {
        assertThat(run("-r", "node1.pcap")).isZero();
        assertThat(err).isEqualTo("reading from file node1.pcap, link-type EN10MB (Ethernet), snapshot length 262144\n");
        assertThat(out).isEqualTo("frame 1\nframe 2\nframe 3\nframe 4\n");
    }

    @Test
    void expressionWordsAreJoinedAndFilter() {
        assertThat(run("-n", "-r", "node1.pcap", "arp", "or", "udp", "port", "53")).isZero();
        assertThat(out).isEqualTo("frame 1\nframe 3\nframe 4\n");
        assertThat(run("-r", "node1.pcap", "icmp or arp and src host 172.28.0.13")).isZero();
        assertThat(out).isEqualTo("frame 2\nframe 4\n");
    }

    @Test
    void countStopsAfterThatManyPrintedFrames() {
        assertThat(run("-c", "1", "-r", "node1.pcap", "arp")).isZero();
        assertThat(out).isEqualTo("frame 1\n");
        assertThat(run("-c3", "-r", "node1.pcap")).isZero();
        assertThat(out).isEqualTo("frame 1\nframe 2\nframe 3\n");
        assertThat(run("-c", "10", "-r", "node1.pcap", "arp")).isZero();
        assertThat(out).isEqualTo("frame 1\nframe 4\n");
    }

    @Test
    void clusteredFlagsReachThePrinterOptions() {
        assertThat(run("-nevvv", "-tttt", "-XX", "-r", "node1.pcap")).isZero();
        TcpdumpOptions o = seen.get(seen.size() - 1);
        assertThat(o.numeric()).isTrue();
        assertThat(o.linkHeader()).isTrue();
        assertThat(o.verbosity()).isEqualTo(3);
        assertThat(o.timestamps()).isEqualTo(TimestampStyle.DATE_TIME);
        assertThat(o.hexDump()).isEqualTo(4);
        run("-r", "node1.pcap", "-tt", "-x", "-p", "arp", "-nn");
        o = seen.get(seen.size() - 1);
        assertThat(o.timestamps()).isEqualTo(TimestampStyle.EPOCH);
        assertThat(o.hexDump()).isEqualTo(1);
        assertThat(o.numeric()).isTrue();
        assertThat(o.linkHeader()).isFalse();
        assertThat(o.verbosity()).isZero();
        run("-xx", "-t", "-r", "node1.pcap");
        assertThat(seen.get(seen.size() - 1).hexDump()).isEqualTo(2);
        assertThat(seen.get(seen.size() - 1).timestamps()).isEqualTo(TimestampStyle.NONE);
        run("-X", "-ttt", "-r", "node1.pcap");
        assertThat(seen.get(seen.size() - 1).hexDump()).isEqualTo(3);
        assertThat(seen.get(seen.size() - 1).timestamps()).isEqualTo(TimestampStyle.DELTA_PREVIOUS);
        run("-ttttt", "-r", "node1.pcap");
        assertThat(seen.get(seen.size() - 1).timestamps()).isEqualTo(TimestampStyle.DELTA_FIRST);
    }

    @Test
    void badFilterIsOneLineAfterTheReadingLineAndExit1() {
        assertThat(run("-r", "node1.pcap", "host", "or")).isEqualTo(1);
        assertThat(err).isEqualTo("reading from file node1.pcap, link-type EN10MB (Ethernet), snapshot length 262144\n"
                + "tcpdump: can't parse filter expression: syntax error\n");
        assertThat(out).isEmpty();
        assertThat(run("-r", "node1.pcap", "net 10.1.2.3/8")).isEqualTo(1);
        assertThat(err).endsWith("tcpdump: non-network bits set in \"10.1.2.3/8\"\n");
        assertThat(run("-r", "node1.pcap", "arp and ip")).isEqualTo(1);
        assertThat(err).endsWith("tcpdump: expression rejects all packets\n");
    }

    @Test
    void damagedFilePrintsTheGoodFramesThenTheFault() {
        assertThat(run("-r", "damaged.pcap")).isEqualTo(1);
        assertThat(out).isEqualTo("frame 1\nframe 2\nframe 3\n");
        assertThat(err.lines()).containsExactly(
                "reading from file damaged.pcap, link-type EN10MB (Ethernet), snapshot length 262144",
                "tcpdump: pcap_loop: truncated dump file; tried to read 60 captured bytes, only got 50");
    }

    @Test
    void missingFileAndUsageErrorsExit1AsTcpdumpDoes() {
        assertThat(run("-r", "nosuch.pcap")).isEqualTo(1);
        assertThat(err).isEqualTo("tcpdump: nosuch.pcap: No such file or directory\n");
        assertThat(run("-k", "-r", "node1.pcap")).isEqualTo(1);
        assertThat(err).startsWith("tcpdump: invalid option -- 'k'\ntcpdump version 4.99.3\n")
                .contains("Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#]");
        assertThat(run("-nk", "-r", "node1.pcap")).isEqualTo(1);
        assertThat(err.lines().findFirst()).contains("tcpdump: invalid option -- 'k'");
        assertThat(run("--bogus")).isEqualTo(1);
        assertThat(err.lines().findFirst()).contains("tcpdump: unrecognized option '--bogus'");
        assertThat(run("-r")).isEqualTo(1);
        assertThat(err).startsWith("tcpdump: option requires an argument -- 'r'\ntcpdump version");
        assertThat(run("-n", "arp")).isEqualTo(1);
        assertThat(err).isEqualTo("tcpdump: live capture is not supported here; read a capture file with -r FILE\n");
        assertThat(run("-i", "eth0")).isEqualTo(1);
        assertThat(err).startsWith("tcpdump: live capture on eth0 is not supported");
        assertThat(run("-c", "0", "-r", "node1.pcap")).isEqualTo(1);
        assertThat(err).isEqualTo("tcpdump: invalid packet count 0\n");
        assertThat(run("-c", "x", "-r", "node1.pcap")).isEqualTo(1);
        assertThat(err).isEqualTo("tcpdump: invalid packet count x\n");
        assertThat(out).isEmpty();
    }

    /** As tcpdump 4.99.3 answers (run by hand on Debian 12): -s and -Q are checked as read, -P does not exist. */
    @Test
    void snaplenAndDirectionAreCheckedAndIgnoredWhenReadingAFile() {
        for (String bad : new String[] {"x", "-1", "262145"}) {
            assertThat(run("-s", bad, "-n", "-r", "node1.pcap")).isEqualTo(1);
            assertThat(err).isEqualTo("tcpdump: invalid snaplen " + bad + " (must be >= 0 and <= 262144)\n");
        }
        assertThat(run("-Q", "bogus", "-n", "-r", "node1.pcap")).isEqualTo(1);
        assertThat(err).isEqualTo("tcpdump: unknown capture direction `bogus'\n");
        assertThat(run("-P", "out", "-n", "-r", "node1.pcap")).isEqualTo(1);
        assertThat(err).startsWith("tcpdump: invalid option -- 'P'\ntcpdump version 4.99.3\n");
        assertThat(run("-s", "40", "-Q", "in", "-A", "-r", "node1.pcap")).isZero();
        assertThat(out).isEqualTo("frame 1\nframe 2\nframe 3\nframe 4\n");
        assertThat(seen.get(seen.size() - 1).hexDump()).isEqualTo(5);
        run("-AA", "-x", "-r", "node1.pcap");
        assertThat(seen.get(seen.size() - 1).hexDump()).isEqualTo(1);
    }

    @Test
    void aRelativeFileIsFoundInTheWorkingDirectoryAndNamedAsGiven() throws IOException {
        Files.createDirectories(dir.resolve("pcaps"));
        Files.copy(dir.resolve("node1.pcap"), dir.resolve("pcaps/node2.pcap"));
        assertThat(run("-n", "-r", "pcaps/node2.pcap", "arp", "or", "icmp")).isZero();
        assertThat(err).startsWith("reading from file pcaps/node2.pcap, ");
        assertThat(out).isEqualTo("frame 1\nframe 2\nframe 4\n");
    }
}
