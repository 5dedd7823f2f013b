package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.lab.SeedLabs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad input gets iputils' one-line message and exit status, never a stack trace. */
class PingOptionsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ping|ping: usage error: Destination address required|1",
        "ping -c 0 172.28.0.13|ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807|1",
        "ping -c abc 172.28.0.13|ping: invalid argument: 'abc'|1",
        "ping -c 99999999999999999999 172.28.0.13|ping: invalid argument: '99999999999999999999': Numerical result out of range|1",
        "ping -s -1 172.28.0.13|ping: invalid argument: '-1': out of range: 0 <= value <= 2147483647|1",
        "ping -t 256 172.28.0.13|ping: invalid argument: '256': out of range: 0 <= value <= 255|1",
        "ping -w x 172.28.0.13|ping: invalid argument: 'x'|1",
        "ping -M maybe 172.28.0.13|ping: invalid -M argument: maybe|2",
        "ping -Q 300 172.28.0.13|ping: the decimal value of TOS bits must be in range 0-255: 300|2",
        "ping -Q zz 172.28.0.13|ping: bad TOS value: zz|2",
        "ping -W -1 172.28.0.13|ping: bad linger time: -1|2",
        "ping -i 3000000 172.28.0.13|ping: bad timing interval: 3000000|2",
        "ping -p 0xz 172.28.0.13|ping: patterns must be specified as hex digits: xz|2",
        "ping nosuchhost|ping: nosuchhost: Name or service not known|2",
        "ping -I eth9 172.28.0.13|ping: SO_BINDTODEVICE eth9: No such device|2",
        "ping -I 10.9.9.9 172.28.0.13|ping: bind: Cannot assign requested address|2",
        "ping 172.28.255.255|ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules|2",
        "ping -t 0 172.28.0.13|ping: cannot set unicast time-to-live: Invalid argument|2",
        "ping -4 -6 172.28.0.13|ping: only one -4 or -6 option may be specified|2",
    })
    void rejects(String command, String message, int status) {
        Lab lab = SeedLabs.seed(1);
        Lab.Result r = lab.exec("node1", command);
        assertThat(r.stderr()).isEqualTo(message + "\n");
        assertThat(r.stdout()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(status);
    }

    @Test
    void unknownOptionOrMissingArgumentPrintsTheUsage() {
        Lab lab = SeedLabs.seed(1);
        Lab.Result r = lab.exec("node1", "ping -x 172.28.0.13");
        assertThat(r.stderr()).isEqualTo("ping: invalid option -- 'x'\n" + Ping.USAGE);
        assertThat(r.exitCode()).isEqualTo(2);
        Lab.Result m = lab.exec("node1", "ping 172.28.0.13 -c");
        assertThat(m.stderr()).startsWith("ping: option requires an argument -- 'c'\n\nUsage\n  ping [options] <destination>\n");
        assertThat(m.exitCode()).isEqualTo(2);
        Lab.Result h = lab.exec("node1", "ping -h");
        assertThat(h.stderr()).isEqualTo(Ping.USAGE);
        assertThat(h.exitCode()).isEqualTo(2);
    }

    @Test
    void unreachableNetworkIsRefusedAtConnect() {
        Lab lab = SeedLabs.seed(1);
        Lab.Result r = lab.exec("host", "ping -c1 10.1.2.3");
        assertThat(r.stderr()).isEqualTo("ping: connect: Network is unreachable\n");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void versionAndOptionsAfterTheDestination() {
        Lab lab = SeedLabs.seed(1);
        Lab.Result v = lab.exec("node1", "ping -V");
        assertThat(v.stdout()).startsWith("ping from iputils 20221126\n");
        assertThat(v.exitCode()).isZero();
        // glibc getopt permutes: options may follow the destination
        Lab.Result r = lab.exec("node1", "ping 172.28.0.13 -c 1 -q");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("1 packets transmitted, 1 received, 0% packet loss");
        // inet_aton forms are numeric targets and print as typed
        assertThat(lab.exec("node1", "ping -c1 172.28.13").stdout())
                .startsWith("PING 172.28.13 (172.28.0.13) 56(84) bytes of data.\n");
        Lab.Result garbage = lab.exec("node1", "ping -c1 -W 1x 172.28.0.13");
        assertThat(garbage.stderr()).isEqualTo(
                "ping: option argument contains garbage: x\nping: this will become fatal error in the future\n");
        assertThat(garbage.exitCode()).isZero();
    }
}
