package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each modelled key set both ways, in the lab file and with {@code sysctl -w} inside the lab, has the same effect,
 * and the effect is the kernel's rule for combining conf.all with the device (include/linux/inetdevice.h).
 * Router r1 joins left (eth0, 10.1.0.254) and right (south, 10.2.0.254); r2 (10.1.0.253) forwards right-bound
 * traffic to r1 out of the interface it came in on, so it redirects; host a is on left, b on right.
 */
class SysctlEffectTest {
    private static final String LAB = """
            networks:
              left:  {subnet: 10.1.0.0/24, gateway: none}
              right: {subnet: 10.2.0.0/24, gateway: none}
            hosts:
              r1:
                interfaces:
                  - {network: left, address: 10.1.0.254}
                  - {network: right, address: 10.2.0.254, name: south}
                sysctls: {net.ipv4.ip_forward: 1%s}
              r2:
                interfaces: [{network: left, address: 10.1.0.253}]
                routes: [{to: 10.2.0.0/24, via: 10.1.0.254}]
                sysctls: {net.ipv4.ip_forward: 1%s}
              a:
                interfaces: [{network: left, address: 10.1.0.10}]
                routes: [%s]
              b:
                interfaces: [{network: right, address: 10.2.0.20}]
                routes: [{to: 10.1.0.0/24, via: 10.2.0.254}]
            """;

    /** r1's and r2's sysctls (key → value, in order), a's route to right, the command a runs, what to find. */
    record Scenario(String name, Map<String, Integer> r1, Map<String, Integer> r2, String route, String command,
                    String expected, boolean present) {}

    private static Map<String, Integer> keys(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return m;
    }

    private static final String ON_LINK = "{to: 10.2.0.0/24, dev: eth0}";
    private static final String VIA_R2 = "{to: 10.2.0.0/24, via: 10.1.0.253}";
    private static final String PROXY = "arping -c1 -w1 -I eth0 10.2.0.20";
    private static final String IGNORE = "arping -c1 -w1 -s 10.1.0.10 -I eth0 10.2.0.254";
    private static final String PING = "ping -c2 10.2.0.20";
    private static final String REPLY = "Received 1 response(s)";
    private static final String REDIRECT = "Redirect Host(New nexthop: 10.1.0.254)";

    static Stream<Arguments> scenarios() {
        return Stream.of(
                // IN_DEV_PROXY_ARP is ORCONF: either conf.all or the device turns proxy ARP on
                new Scenario("no proxy_arp", keys(), keys(), ON_LINK, PROXY, REPLY, false),
                new Scenario("conf.eth0.proxy_arp", keys("net.ipv4.conf.eth0.proxy_arp", 1), keys(), ON_LINK, PROXY, REPLY, true),
                new Scenario("conf.all.proxy_arp", keys("net.ipv4.conf.all.proxy_arp", 1), keys(), ON_LINK, PROXY, REPLY, true),
                new Scenario("conf.default.proxy_arp after the device exists", keys("net.ipv4.conf.default.proxy_arp", 1), keys(),
                        ON_LINK, PROXY, REPLY, true),
                new Scenario("conf.eth0.forwarding off (IN_DEV_FORWARD of the receiving device)",
                        keys("net.ipv4.conf.all.proxy_arp", 1, "net.ipv4.conf.eth0.forwarding", 0), keys(), ON_LINK, PROXY, REPLY, false),
                // IN_DEV_ARP_IGNORE is MAXCONF
                new Scenario("arp_ignore 0", keys(), keys(), VIA_R2, IGNORE, REPLY, true),
                new Scenario("conf.all.arp_ignore 1", keys("net.ipv4.conf.all.arp_ignore", 1), keys(), VIA_R2, IGNORE, REPLY, false),
                new Scenario("conf.eth0.arp_ignore 1", keys("net.ipv4.conf.eth0.arp_ignore", 1), keys(), VIA_R2, IGNORE, REPLY, false),
                new Scenario("conf.eth0.arp_ignore 9 (accepted, 'default: return 0')",
                        keys("net.ipv4.conf.eth0.arp_ignore", 9), keys(), VIA_R2, IGNORE, REPLY, true),
                // IN_DEV_TX_REDIRECTS is ORCONF: redirects stop only when conf.all and the device are both 0
                new Scenario("send_redirects default", keys(), keys(), VIA_R2, PING, REDIRECT, true),
                new Scenario("conf.eth0.send_redirects 0", keys(), keys("net.ipv4.conf.eth0.send_redirects", 0), VIA_R2, PING, REDIRECT, true),
                new Scenario("conf.all.send_redirects 0", keys(), keys("net.ipv4.conf.all.send_redirects", 0), VIA_R2, PING, REDIRECT, true),
                new Scenario("conf.all and conf.eth0.send_redirects 0", keys(),
                        keys("net.ipv4.conf.all.send_redirects", 0, "net.ipv4.conf.eth0.send_redirects", 0), VIA_R2, PING, REDIRECT, false),
                new Scenario("conf.default then conf.all.send_redirects 0", keys(),
                        keys("net.ipv4.conf.default.send_redirects", 0, "net.ipv4.conf.all.send_redirects", 0), VIA_R2, PING, REDIRECT, false)
        ).map(s -> Arguments.of(s.name(), s));
    }

    private static String yaml(Scenario s, boolean inFile) {
        return LAB.formatted(inFile ? entries(s.r1()) : "", inFile ? entries(s.r2()) : "", s.route());
    }

    private static String entries(Map<String, Integer> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(", ").append(k).append(": ").append(v));
        return b.toString();
    }

    private static String run(Scenario s, boolean inFile) {
        Lab lab = LabFormatTest.build(yaml(s, inFile));
        if (!inFile) {
            for (String[] node : new String[][] {{"r1"}, {"r2"}}) {
                Map<String, Integer> m = node[0].equals("r1") ? s.r1() : s.r2();
                for (Map.Entry<String, Integer> e : m.entrySet()) {
                    Lab.Result r = lab.exec(node[0], "sysctl -w " + e.getKey() + "=" + e.getValue());
                    assertThat(r.exitCode()).as(r.stderr()).isZero();
                }
            }
        }
        return lab.exec("a", s.command()).stdout();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void sameEffectInTheFileAndWithSysctl(String name, Scenario s) {
        String fromFile = run(s, true);
        String fromSysctl = run(s, false);
        if (s.present()) {
            assertThat(fromFile).contains(s.expected());
        } else {
            assertThat(fromFile).doesNotContain(s.expected());
        }
        if (Stream.concat(s.r1().keySet().stream(), s.r2().keySet().stream()).anyMatch(k -> k.contains(".default."))) {
            // the file's conf/default is set before the interfaces get their addresses; a write afterwards does not
            // reach a device with an address (ipv4_devconf_setall(), refdata/local/tools/conf-default.out)
            if (s.present()) {
                assertThat(fromSysctl).doesNotContain(s.expected());
            } else {
                assertThat(fromSysctl).contains(s.expected());
            }
            return;
        }
        assertThat(fromSysctl).isEqualTo(fromFile);
    }
}
