package io.arplab.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.lab.LanBench;
import io.arplab.wire.pcap.PcapWriter;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapCaptureScaleTest {
    /** Every frame to the pooled file and to an in-memory pcap, to compare their bytes. */
    private record Tee(PcapCapture file, PcapWriter memory, ByteArrayOutputStream bytes) implements CaptureSink {
        @Override
        public void record(long epochNanos, byte[] frame) {
            file.record(epochNanos, frame);
            memory.write(epochNanos, frame, 0, frame.length);
        }
    }

    @Test
    void twoThousandHostsCaptureWithinThePoolsOpenFiles(@TempDir Path dir) throws Exception {
        Lab lab = LanBench.build(2000, 1);
        List<Tee> tees = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Tee t = new Tee(new PcapCapture(dir.resolve("h" + i + ".pcap")), PcapWriter.ethernet(bytes), bytes);
            tees.add(t);
            lab.capture("h" + i, "eth0", t);
        }
        // h0's request for the gateway is flooded to all 2,000 captures; h7 and h1999 resolve it as well
        assertThat(lab.exec("h0", "ping -c2 10.0.0.1").exitCode()).isZero();
        assertThat(lab.exec("h7", "ping -c1 10.0.0.1").exitCode()).isZero();
        assertThat(lab.exec("h1999", "ping -c1 10.0.0.1").exitCode()).isZero();
        assertThat(FilePool.SHARED.openCount()).isLessThanOrEqualTo(128);
        tees.get(1999).file().flush();
        assertThat(Files.readAllBytes(dir.resolve("h1999.pcap"))).isEqualTo(tees.get(1999).bytes().toByteArray());
        for (Tee t : tees) {
            t.file().close();
        }
        for (int i = 0; i < 2000; i++) {
            assertThat(Files.readAllBytes(dir.resolve("h" + i + ".pcap"))).as("h%d.pcap", i)
                    .isEqualTo(tees.get(i).bytes().toByteArray());
        }
        assertThat(Files.size(dir.resolve("h0.pcap"))).isGreaterThan(Files.size(dir.resolve("h5.pcap")));
    }

    @Test
    void aFileEvictedFromThePoolIsReopenedForAppending(@TempDir Path dir) throws Exception {
        FilePool pool = new FilePool(2);
        var a = pool.create(dir.resolve("a"));
        var b = pool.create(dir.resolve("b"));
        var c = pool.create(dir.resolve("c"));
        assertThat(pool.openCount()).isEqualTo(2);
        byte[] big = new byte[10_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int round = 0; round < 5; round++) {
            for (var o : List.of(a, b, c)) {
                o.write(big, round * 100, 3000 + round);
                o.flush();
            }
            expected.write(big, round * 100, 3000 + round);
        }
        for (var o : List.of(a, b, c)) {
            o.close();
        }
        assertThat(pool.openCount()).isZero();
        for (String f : List.of("a", "b", "c")) {
            assertThat(Files.readAllBytes(dir.resolve(f))).isEqualTo(expected.toByteArray());
        }
    }
}
