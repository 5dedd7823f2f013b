package io.arplab.cli;

import static io.arplab.cli.Arplab.COMPOSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captures and trace stay complete and readable on every way a run ends, and never fill the disk. */
class EvidenceTest {
    @TempDir
    Path tmp;

    @Test
    void capturesAreCompleteAfterEachLineAndAfterSigterm() throws Exception {
        Process p = new ProcessBuilder(Arplab.command("run", COMPOSE, "--trace", "trace.txt", "--script", "-"))
                .directory(tmp.toFile()).redirectError(tmp.resolve("err").toFile()).start();
        OutputStream in = p.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        in.write("node1 ping -c1 node3\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        for (String l = out.readLine(); !l.startsWith("rtt "); l = out.readLine()) {
            // until ping's last line
        }
        // the run waits for its next line: the capture is complete up to here (ARP request, reply, echo, reply)
        assertThat(tcpdump(tmp.resolve("pcaps/node1.pcap"))).hasSize(4);
        assertThat(Files.readString(tmp.resolve("trace.txt"))).contains("neigh:neigh_create");
        // a long run ended by SIGTERM leaves well-formed files
        in.write("node1 ping -i 0.01 node3 &\nsleep 1000000\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        Thread.sleep(1500);
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(tmp.resolve("err"))).startsWith("arplab: interrupted at virtual time ")
                .endsWith(" s; captures and trace hold everything up to there\n");
        assertThat(tcpdump(tmp.resolve("pcaps/node1.pcap")).size()).isGreaterThan(4);
        assertThat(tmp.resolve("pcaps/" + Evidence.LOCK_FILE)).doesNotExist();
    }

    @Test
    void aFullDiskIsOneLineAndTheRunGoesOnWithExitStatusOne() throws Exception {
        Files.createDirectories(tmp.resolve("pcaps"));
        Files.createSymbolicLink(tmp.resolve("pcaps/node1.pcap"), Path.of("/dev/full"));
        Arplab.Exit r = Arplab.run(tmp, null, "run", COMPOSE, "--trace", "/dev/full", "-c", "node1 ping -c3 node3; node3 arp -an");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactlyInAnyOrder(
                "arplab: pcaps/node1.pcap: No space left on device; this file stops here (what it holds stays readable)",
                "arplab: /dev/full: No space left on device; this file stops here (what it holds stays readable)");
        assertThat(r.out()).contains("3 packets transmitted, 3 received").contains("node3$ arp -an");
        Files.delete(tmp.resolve("pcaps/node1.pcap"));
        assertThat(tcpdump(tmp.resolve("pcaps/node3.pcap"))).hasSize(8);
    }

    @Test
    void aSecondRunIntoTheSameDirectoryIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("pcaps"));
        try (FileChannel ch = FileChannel.open(dir.resolve(Evidence.LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            ch.write(java.nio.ByteBuffer.wrap("4242\n".getBytes(StandardCharsets.UTF_8)));
            Arplab.Exit r = Arplab.run(tmp, null, "run", COMPOSE, "-c", "node1 ping -c1 node3");
            assertThat(r.rc()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("arplab: --pcap-dir pcaps: in use by another arplab run (pid 4242);"
                    + " wait for it to end or choose another --pcap-dir\n");
            assertThat(dir.resolve("node1.pcap")).doesNotExist();
        }
    }

    @Test
    void maxCaptureSizeStopsWritingWithANote() throws Exception {
        Arplab.Exit r = Arplab.run(tmp, null, "run", COMPOSE, "--max-capture-size", "2k", "-c", "node1 ping -c20 -i 0.2 node3");
        assertThat(r.rc()).isZero();
        assertThat(r.err()).matches("arplab: note: --max-capture-size 2048 bytes reached at virtual time [0-9.]+ s:"
                + " captures and trace stop here\n");
        long total = 0;
        try (var files = Files.list(tmp.resolve("pcaps"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                total += Files.size(f) - 24;
                tcpdump(f);
            }
        }
        assertThat(total).isLessThanOrEqualTo(2048);
        assertThat(r.out()).contains("20 packets transmitted, 20 received");
        Arplab.Exit bad = Arplab.run(tmp, null, "run", COMPOSE, "--max-capture-size", "lots", "-c", "time");
        assertThat(bad.rc()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("arplab: --max-capture-size: invalid size 'lots': expected e.g. 1G, 500M, 0 (no limit)\n");
    }

    /** The frames the real tcpdump reads from {@code pcap}, which must be well-formed to the end. */
    static java.util.List<String> tcpdump(Path pcap) throws Exception {
        assumeTrue(RunCommandTest.onPath("tcpdump"), "tcpdump not installed");
        return RunCommandTest.realTcpdump(pcap);
    }
}
