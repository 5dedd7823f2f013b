package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.lab.SeedLabs;
import org.junit.jupiter.api.Test;

/** tracepath (iputils 20221126) in the recordings' topology: node1 on 172.28/16, node4 behind the host's bridges. */
class TracepathTest {
    private static final long SECOND = 1_000_000_000L;

    private static String masked(String out) {
        return out.replaceAll(" +\\d+\\.\\d{3}ms ", " Tms ");
    }

    private static Lab lab() {
        Lab lab = SeedLabs.seed(1);
        lab.runFor(2 * SECOND);
        return lab;
    }

    @Test
    void fragmentationNeededTeachesThePathMtuForTenMinutes() {
        Lab lab = lab();
        lab.exec("host", "ip link set br-net18 mtu 1400");
        lab.exec("host", "ip link set veth-node4 mtu 1400");
        lab.exec("node4", "ip link set eth0 mtu 1400");
        Lab.Result first = lab.exec("node1", "tracepath -n 172.18.0.2");
        assertThat(masked(first.stdout())).isEqualTo("""
                 1?: [LOCALHOST]                      pmtu 1500
                 1:  172.28.0.1 Tms\s
                 1:  172.28.0.1 Tms\s
                 2:  172.28.0.1 Tms pmtu 1400
                 2:  172.18.0.2 Tms reached
                     Resume: pmtu 1400 hops 2 back 2\s
                """);
        lab.runFor(60 * SECOND);
        // __ip_rt_update_pmtu(): the route's exception now says 1400, so sendto() fails at once with it
        assertThat(lab.exec("node1", "tracepath -n 172.18.0.2").stdout())
                .startsWith(" 1?: [LOCALHOST]                      pmtu 1400\n");
        lab.runFor(600 * SECOND); // ip_rt_mtu_expires
        assertThat(masked(lab.exec("node1", "tracepath -n 172.18.0.2").stdout()))
                .startsWith(" 1?: [LOCALHOST]                      pmtu 1500\n")
                .contains(" 2:  172.28.0.1 Tms pmtu 1400\n");
    }

    @Test
    void aDatagramBeyondUdpsLimitFailsWithNothingQueued() {
        Lab.Result r = lab().exec("node1", "tracepath -n -l 70000 172.18.0.2");
        assertThat(r.stdout()).isEqualTo(" 1:  send failed\n     Resume: pmtu 70000 \n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void namesComeFromReverseResolutionAndUnknownOnesAreQuestionMarks() {
        Lab lab = lab();
        SeedLabs.loadHosts(lab, "172.18.0.2 node4\n");
        // refdata/local/fuzz-tools ("hosts: files"): getnameinfo() falls back to the number
        assertThat(masked(lab.exec("node1", "tracepath -b -m 1 node4").stdout()))
                .contains(" 1:  172.28.0.1 (172.28.0.1) Tms \n");
        // refdata/local/tracepath (a name server that does not answer): EAI_AGAIN, "???"
        lab.resolver().failedLookupNanos(600_000_000L);
        Lab.Result r = lab.exec("node1", "tracepath -b node4");
        assertThat(masked(r.stdout())).isEqualTo("""
                 1?: [LOCALHOST]                      pmtu 1500
                 1:  ??? (172.28.0.1) Tms\s
                 1:  ??? (172.28.0.1) Tms\s
                 2:  node4 (172.18.0.2) Tms reached
                     Resume: pmtu 1500 hops 2 back 2\s
                """);
    }

    @Test
    void badArgumentsGiveTheUsageOrTheRange() {
        Lab lab = lab();
        Lab.Result usage = lab.exec("node1", "tracepath -x 172.18.0.2");
        assertThat(usage.stderr()).startsWith("tracepath: invalid option -- 'x'\n\nUsage\n");
        assertThat(usage.exitCode()).isEqualTo(255);
        Lab.Result range = lab.exec("node1", "tracepath -p 65536 172.18.0.2");
        assertThat(range.stderr()).isEqualTo("tracepath: invalid argument: '65536': out of range: 0 <= value <= 65535\n");
        assertThat(range.exitCode()).isEqualTo(1);
        Lab.Result name = lab.exec("node1", "tracepath nowhere");
        assertThat(name.stderr()).isEqualTo("tracepath: nowhere: Name or service not known\n");
        assertThat(name.exitCode()).isEqualTo(1);
    }

    @Test
    void loopbackIsReachedInOneHopWithLosMtu() {
        Lab lab = lab();
        // as the installed tracepath prints it: lo's MTU (65536) takes the whole default 65535
        assertThat(masked(lab.exec("node1", "tracepath -n 127.0.0.1").stdout())).isEqualTo("""
                 1:  127.0.0.1 Tms reached
                     Resume: pmtu 65535 hops 1 back 1\s
                """);
        assertThat(lab.exec("node1", "tracepath -V").stdout()).isEqualTo("tracepath from iputils 20221126\n"
                + "libcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n");
    }
}
