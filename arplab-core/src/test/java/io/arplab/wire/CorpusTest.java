package io.arplab.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every frame of the tcpdump corpus and the kernel recording goes through every view without surprise. */
class CorpusTest {
    static Stream<String> cases() {
        return Fixtures.pcapNames().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void walksEveryFrame(String name) {
        for (byte[] f : Fixtures.pcap(name)) {
            Exercise.frame(f, 0, f.length);
        }
    }

    @Test
    void corpusReachesEveryLayer() {
        Exercise.Reached r = new Exercise.Reached();
        for (String n : Fixtures.pcapNames()) {
            for (byte[] f : Fixtures.pcap(n)) {
                Exercise.frame(f, 0, f.length, r);
            }
        }
        assertThat(Fixtures.pcapNames()).hasSizeGreaterThanOrEqualTo(70);
        assertThat(r.arp).isGreaterThan(20);
        assertThat(r.ipv4).isGreaterThan(30);
        assertThat(r.icmp).isGreaterThan(15);
        assertThat(r.udp).isGreaterThan(10);
    }

    @Test
    void kernelRecording() {
        List<byte[]> frames = Fixtures.linuxPingNode1();
        assertThat(frames).hasSize(10);
        Exercise.Reached r = new Exercise.Reached();
        for (byte[] f : frames) {
            Exercise.frame(f, 0, f.length, r);
        }
        assertThat(r.arp).isEqualTo(4);
        assertThat(r.icmp).isEqualTo(6);
    }
}
