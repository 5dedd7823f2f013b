package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** arp-scan replayed in the recording's lab (refdata/local/security/arp_scan.out, usage.out). */
class ArpScanTest {
    /** The elapsed time includes reading the OUI files on the real machine: mask it and the rate. */
    static String mask(String s) {
        return s.replaceAll("scanned in [0-9.]+ seconds \\(([0-9.]+|inf) hosts/sec\\)", "scanned in T seconds (R hosts/sec)");
    }

    @Test
    void scansAsTheRealOneDid() throws IOException {
        SecurityLab s = new SecurityLab();
        s.run("n1", "arp-scan -I eth0 172.28.0.0/28")
                .run("n1", "arp-scan -I eth0 --retry=1 --interval=10 172.28.0.12 172.28.0.99 172.28.0.1")
                .run("n1", "arp-scan -I eth0 -q 172.28.0.12");
        assertThat(mask(s.transcript())).isEqualTo(mask(SecurityLab.recorded("arp_scan.out")));
        // the requests in the order they left: every target once, then the silent ones again (--retry 2); the
        // recorded capture was stopped before the last scan's one request was written
        List<String> want = requests(SecurityLab.recorded("arp_scan.tcpdump").lines().toList());
        List<String> got = requests(s.n1Frames());
        assertThat(got).hasSize(want.size() + 1).startsWith(want.toArray(String[]::new));
    }

    private static List<String> requests(List<String> lines) {
        return lines.stream().filter(l -> l.contains("02:42:ac:1c:00:0b > ff:ff:ff:ff:ff:ff"))
                .map(l -> l.substring(l.indexOf("Request"))).toList();
    }

    @Test
    void badOptionsAndTargetsGiveItsErrors() throws IOException {
        SecurityLab s = new SecurityLab();
        StringBuilder want = new StringBuilder();
        for (String block : SecurityLab.recorded("usage.out").split("(?=\\$ n2: )")) {
            String title = block.substring(6, block.indexOf('\n'));
            if (title.startsWith("arp-scan")) {
                s.run("n2", title);
                want.append(block);
            }
        }
        assertThat(s.transcript()).isEqualTo(want.toString());
    }

    @Test
    void helpIsTheRealText() throws IOException {
        SecurityLab s = new SecurityLab();
        assertThat(s.lab.exec("n1", "arp-scan --help").stdout()).isEqualTo(SecurityLab.recorded("arp_scan_help.txt"));
        assertThat(s.lab.exec("n1", "arp-scan -h").exitCode()).isZero();
    }

    @Test
    void versionAndLocalnet() {
        SecurityLab s = new SecurityLab();
        assertThat(s.lab.exec("n1", "arp-scan -V").stdout()).startsWith("arp-scan 1.10.0\n\nCopyright (C) 2005-2022");
        s.lab.exec("n1", "ip addr del 172.28.0.11/16 dev eth0");
        s.lab.exec("n1", "ip addr add 172.28.0.11/28 dev eth0");
        String out = s.lab.exec("n1", "arp-scan --localnet -x").stdout();
        assertThat(out).isEqualTo("172.28.0.1\t02:42:8e:ff:44:b3\t(Unknown: locally administered)\n"
                + "172.28.0.12\t02:42:ac:1c:00:0c\t(Unknown: locally administered)\n"
                + "172.28.0.13\t02:42:ac:1c:00:0d\t(Unknown: locally administered)\n");
    }
}
