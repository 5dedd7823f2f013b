package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** arpwatch -d on the victim while arpspoof poisons it, against the recording (refdata/local/security). */
class ArpwatchTest {
    @Test
    void reportsThePoisoningAndTheRestoreAsTheRealOneDid() throws IOException {
        SecurityLab s = new SecurityLab();
        java.nio.file.Path dat = java.nio.file.Files.createTempDirectory("tmp.").resolve("arp.dat");
        java.nio.file.Files.writeString(dat, ""); // record.sh's touch
        s.bg("watch", "n1", "timeout -s INT 9 arpwatch -d -N -i eth0 -f " + dat).sleep(1)
                .run("n1", "ping -c1 -W1 -q 172.28.0.1").run("n2", "ping -c1 -W1 -q 172.28.0.11").sleep(1)
                .bg("spoof", "n2", "timeout -s INT 3 arpspoof -i eth0 -t 172.28.0.11 172.28.0.1").sleep(4)
                .fin("spoof").fin("watch");
        String want = SecurityLab.recorded("arpwatch.out");
        String got = s.transcript();
        // the report of the victim's own request: Linux shows a packet socket the frames its host sends, the lab
        // does not yet
        want = want.replaceFirst("\\nFrom: arpwatch \\(Arpwatch vm\\)\\nTo: root\\nSubject: new station "
                + "\\(172\\.28\\.0\\.11\\)(?s).*?(?=\\nFrom: )", "");
        assertThat(reports(got)).isEqualTo(reports(want));
        // the clean-up frames (Ethernet source: the attacker, sender: the gateway) until arpwatch was stopped
        assertThat(mismatches(got)).startsWith(mismatches(want));
        // the data file written when arpwatch was stopped (die(): checkpoint), in its hash order, times masked; the
        // victim's own entry is the one the lab's packet socket does not see
        assertThat(stations(java.nio.file.Files.readString(dat))).isEqualTo(stations(SecurityLab.recorded("arpwatch.dat")
                .replaceAll("(?m)^02:42:ac:1c:00:0b\t172\\.28\\.0\\.11\t.*\n", "")));
    }

    private static String stations(String dat) {
        return dat.replaceAll("(?m)^([^\t]*\t[^\t]*)\t[0-9]+\t", "$1\tT\t");
    }

    @Test
    void badOptionsGiveItsUsage() throws IOException {
        SecurityLab s = new SecurityLab();
        StringBuilder want = new StringBuilder();
        for (String block : SecurityLab.recorded("usage.out").split("(?=\\$ n2: )")) {
            String title = block.substring(6, block.indexOf('\n'));
            if (title.startsWith("arpwatch")) {
                s.run("n2", title);
                want.append(block);
            }
        }
        assertThat(s.transcript()).isEqualTo(want.toString());
    }

    /** The report mails, with this machine's and the lab's host name and times masked. */
    private static String reports(String transcript) {
        String r = transcript.substring(transcript.indexOf("$ [watch ended]"));
        r = r.substring(0, r.indexOf("--- stderr"));
        return r.replaceAll("\\(Arpwatch [^)]*\\)", "(Arpwatch H)")
                .replaceAll("timestamp: .*", "timestamp: T");
    }

    private static String mismatches(String transcript) {
        return transcript.lines().filter(l -> l.contains("ethernet mismatch")).reduce("", (a, b) -> a + b + "\n");
    }
}
