package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** arpspoof replayed in the recording's lab (refdata/local/security) and compared with dsniff's real output. */
class ArpspoofTest {
    @Test
    void poisonsTheVictimsGatewayEntryAndRestoresItOnCtrlC() throws IOException {
        SecurityLab s = new SecurityLab();
        s.run("n1", "ping -c1 -W1 -q 172.28.0.1").run("n1", "ip neigh show 172.28.0.1")
                .bg("spoof", "n2", "timeout -s INT 6 arpspoof -i eth0 -t 172.28.0.11 172.28.0.1").sleep(3)
                .run("n1", "ip neigh show 172.28.0.1").fin("spoof").run("n1", "ip neigh show 172.28.0.1");
        String want = SecurityLab.recorded("arpspoof.out");
        want = want.substring(0, want.indexOf("$ n2: ip neigh\n"));
        assertThat(SecurityLab.mask(s.transcript())).isEqualTo(SecurityLab.mask(want));
    }

    @Test
    void sendsTheFramesDsniffSends() throws IOException {
        SecurityLab s = new SecurityLab();
        s.run("n1", "ping -c1 -W1 -q 172.28.0.1")
                .bg("spoof", "n2", "timeout -s INT 6 arpspoof -i eth0 -t 172.28.0.11 172.28.0.1").sleep(3)
                .fin("spoof");
        // the attacker's frames as the victim saw them, in order (the kernels' own probes differ in timing)
        List<String> want = fromAttacker(SecurityLab.recorded("arpspoof.tcpdump").lines().toList());
        List<String> got = fromAttacker(s.n1Frames());
        assertThat(got).isEqualTo(want);
    }

    private static List<String> fromAttacker(List<String> lines) {
        return lines.stream().map(l -> l.substring(l.indexOf(' ') + 1))
                .filter(l -> l.startsWith("02:42:ac:1c:00:0c > ") && !l.contains("tell 172.28.0.12"))
                // tcpdump's bootp printer stops at once on an empty datagram to port 67
                .map(l -> SecurityLab.mask(l).replace(".67:  [|bootp]", ".67: UDP, length 0")).toList();
    }

    @Test
    void aStaticEntryHolds() throws IOException {
        SecurityLab s = new SecurityLab();
        s.run("n1", "ip neigh replace 172.28.0.1 lladdr 02:42:8e:ff:44:b3 dev eth0 nud permanent")
                .bg("spoof", "n2", "timeout -s INT 2.5 arpspoof -i eth0 -t 172.28.0.11 172.28.0.1").sleep(2)
                .run("n1", "ip neigh show 172.28.0.1").fin("spoof").run("n1", "ip neigh del 172.28.0.1 dev eth0");
        assertThat(SecurityLab.mask(s.transcript())).isEqualTo(SecurityLab.mask(SecurityLab.recorded("arpspoof_static.out")));
    }

    @Test
    void withoutATargetEveryHostIsPoisonedByBroadcast() throws IOException {
        SecurityLab s = new SecurityLab();
        s.run("n1", "ping -c1 -W1 -q 172.28.0.1").run("n3", "ping -c1 -W1 -q 172.28.0.1")
                .bg("spoof", "n2", "timeout -s INT 3 arpspoof -i eth0 172.28.0.1").sleep(2.5)
                .run("n1", "ip neigh show 172.28.0.1").run("n3", "ip neigh show 172.28.0.1").fin("spoof");
        assertThat(SecurityLab.mask(s.transcript())).isEqualTo(SecurityLab.mask(SecurityLab.recorded("arpspoof_all.out")));
    }

    @Test
    void badOptionsGiveDsniffsUsageAndStatus() throws IOException {
        SecurityLab s = new SecurityLab();
        String usage = SecurityLab.recorded("usage.out");
        StringBuilder want = new StringBuilder();
        for (String block : usage.split("(?=\\$ n2: )")) {
            String title = block.substring(6, block.indexOf('\n'));
            if (title.startsWith("arpspoof")) {
                s.run("n2", title);
                want.append(block);
            }
        }
        assertThat(s.transcript()).isEqualTo(want.toString());
    }

    @Test
    void unresolvedTargetsAndReversePoisoning() throws IOException {
        SecurityLab s = new SecurityLab();
        String usage = SecurityLab.recorded("usage.out");
        s.run("n2", "timeout -s INT 8 arpspoof -i eth0 -t 172.28.0.99 172.28.0.1")
                .run("n2", "timeout -s INT 8 arpspoof -i eth0 -r -t 172.28.0.11 172.28.0.98");
        assertThat(s.transcript()).isEqualTo(usage.substring(0, usage.indexOf("$ n2: arpspoof\n")));
    }
}
