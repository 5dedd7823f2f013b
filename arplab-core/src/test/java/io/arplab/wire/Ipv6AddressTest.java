package io.arplab.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ipv6Address against glibc's inet_pton/inet_ntop, as src/test/scripts/record-inet6.py recorded them. */
class Ipv6AddressTest {
    @Test
    void parsesAndPrintsAsGlibcDoes() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/refdata/glibc/inet6.txt"));
        List<String> wrong = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            Ipv6Address a = Ipv6Address.parse(f[0]);
            String got = a == null ? "-" : a.toString();
            if (!got.equals(f[1])) {
                wrong.add(f[0] + ": glibc " + f[1] + ", arplab " + got);
            }
        }
        assertThat(lines).hasSizeGreaterThan(300);
        assertThat(wrong).isEmpty();
    }

    @Test
    void roundTripsThroughBytes() {
        Ipv6Address a = Ipv6Address.parse("2001:db8::ff00:42:8329");
        byte[] b = new byte[18];
        a.write(b, 1);
        assertThat(b[1]).isEqualTo((byte) 0x20);
        assertThat(b[15]).isEqualTo((byte) 0x83);
        assertThat(Ipv6Address.read(b, 1)).isEqualTo(a);
    }
}
