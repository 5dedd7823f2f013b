package io.arplab.tools.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.lab.Lab;
import io.arplab.lab.ReferenceLab;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import org.junit.jupiter.api.Test;

/** ip neigh and arp: entry kinds (incomplete, failed, permanent, noarp), names, filters, errors, monitor. */
class IpNeighTest {
    private static final long S = 1_000_000_000L;

    private static Lab lab() {
        Lab lab = ReferenceLab.build(3);
        lab.runFor(S);
        return lab;
    }

    private static void assertFails(Lab lab, String node, String cmd, int rc, String stderr) {
        Lab.Result r = lab.exec(node, cmd);
        assertThat(r.stderr()).as(cmd).isEqualTo(stderr + "\n");
        assertThat(r.exitCode()).as(cmd).isEqualTo(rc);
        assertThat(r.stdout()).as(cmd).isEmpty();
    }

    @Test
    void incompleteThenFailedEntry() {
        Lab lab = lab();
        var mon = ReferenceLab.start(lab, "node1", "ip monitor neigh");
        ReferenceLab.start(lab, "node1", "ping -c1 172.28.0.99");
        lab.runFor(S / 2);
        assertThat(ReferenceLab.run(lab, "node1", "ip neigh")).isEqualTo("172.28.0.99 dev eth0 INCOMPLETE \n");
        assertThat(ReferenceLab.run(lab, "node1", "ip -s neigh"))
                .isEqualTo("172.28.0.99 dev eth0  ref 1 used 0/60/0probes 4 INCOMPLETE \n");
        assertThat(ReferenceLab.run(lab, "node1", "arp -an")).isEqualTo("? (172.28.0.99) at <incomplete> on eth0\n");
        assertThat(ReferenceLab.run(lab, "node1", "arp -n")).isEqualTo(
                "Address                  HWtype  HWaddress           Flags Mask            Iface\n"
                + "172.28.0.99                      (incomplete)                              eth0\n");
        lab.runFor(4 * S);
        assertThat(ReferenceLab.run(lab, "node1", "ip neigh")).isEqualTo("172.28.0.99 dev eth0 FAILED \n");
        assertThat(ReferenceLab.run(lab, "node1", "ip -s neigh")).matches(
                "172\\.28\\.0\\.99 dev eth0  used \\d+/\\d+/\\d+probes 6 FAILED \n");
        assertThat(ReferenceLab.run(lab, "node1", "arp -an")).isEqualTo("? (172.28.0.99) at <incomplete> on eth0\n");
        assertThat(mon.stop()).isEqualTo("172.28.0.99 dev eth0 FAILED \n");
    }

    @Test
    void permanentEntryAddShowDelete() {
        Lab lab = lab();
        var mon = ReferenceLab.start(lab, "node1", "ip monitor neigh");
        ReferenceLab.run(lab, "node1", "ip neigh add 172.28.0.50 lladdr 02:00:00:00:00:50 dev eth0");
        assertThat(ReferenceLab.run(lab, "node1", "ip n"))
                .isEqualTo("172.28.0.50 dev eth0 lladdr 02:00:00:00:00:50 PERMANENT \n");
        assertThat(ReferenceLab.run(lab, "node1", "ip neigh show dev eth0"))
                .isEqualTo("172.28.0.50 lladdr 02:00:00:00:00:50 PERMANENT \n");
        assertThat(ReferenceLab.run(lab, "node1", "arp -an"))
                .isEqualTo("? (172.28.0.50) at 02:00:00:00:00:50 [ether] PERM on eth0\n");
        assertThat(ReferenceLab.run(lab, "node1", "arp -n")).isEqualTo(
                "Address                  HWtype  HWaddress           Flags Mask            Iface\n"
                + "172.28.0.50              ether   02:00:00:00:00:50   CM                    eth0\n");
        assertFails(lab, "node1", "ip neigh add 172.28.0.50 lladdr 02:00:00:00:00:51 dev eth0", 2,
                "RTNETLINK answers: File exists");
        ReferenceLab.run(lab, "node1", "ip neigh replace 172.28.0.50 lladdr 02:00:00:00:00:51 dev eth0 nud stale");
        assertThat(ReferenceLab.run(lab, "node1", "ip neigh"))
                .isEqualTo("172.28.0.50 dev eth0 lladdr 02:00:00:00:00:51 STALE \n");
        ReferenceLab.run(lab, "node1", "ip neigh del 172.28.0.50 dev eth0");
        assertThat(ReferenceLab.run(lab, "node1", "ip neigh")).isEmpty();
        assertFails(lab, "node1", "ip neigh del 172.28.0.50 dev eth0", 2,
                "RTNETLINK answers: No such file or directory");
        assertFails(lab, "node1", "ip neigh change 172.28.0.50 lladdr 02:00:00:00:00:51 dev eth0", 2,
                "RTNETLINK answers: No such file or directory");
        assertThat(mon.stop()).isEqualTo("""
                172.28.0.50 dev eth0 lladdr 02:00:00:00:00:50 PERMANENT\s
                172.28.0.50 dev eth0 lladdr 02:00:00:00:00:51 STALE\s
                172.28.0.50 dev eth0 FAILED\s
                Deleted 172.28.0.50 dev eth0 FAILED\s
                """);
    }

    @Test
    void noarpEntriesOnlyWithNudAll() {
        Lab lab = lab();
        ReferenceLab.run(lab, "node1", "ip neigh add 172.28.0.60 lladdr 02:00:00:00:00:60 dev eth0 nud noarp");
        assertThat(ReferenceLab.run(lab, "node1", "ip neigh")).isEmpty();
        assertThat(ReferenceLab.run(lab, "node1", "ip neigh show nud all"))
                .isEqualTo("172.28.0.60 dev eth0 lladdr 02:00:00:00:00:60 NOARP \n");
        assertThat(ReferenceLab.run(lab, "node1", "ip neigh show nud noarp"))
                .isEqualTo("172.28.0.60 dev eth0 lladdr 02:00:00:00:00:60 NOARP \n");
        // /proc/net/arp skips entries that are only NOARP
        assertThat(ReferenceLab.run(lab, "node1", "arp -an")).isEmpty();
    }

    @Test
    void namesInArpAndNumericOutput() {
        Lab lab = lab();
        lab.resolver().add("node3.arp_lan", Ipv4Address.parse("172.28.0.13"));
        ReferenceLab.run(lab, "node1", "ping -c1 172.28.0.13");
        assertThat(ReferenceLab.run(lab, "node1", "arp -a"))
                .isEqualTo("node3.arp_lan (172.28.0.13) at 02:42:ac:1c:00:0d [ether] on eth0\n");
        assertThat(ReferenceLab.run(lab, "node1", "arp -an"))
                .isEqualTo("? (172.28.0.13) at 02:42:ac:1c:00:0d [ether] on eth0\n");
        assertThat(ReferenceLab.run(lab, "node1", "arp")).isEqualTo(
                "Address                  HWtype  HWaddress           Flags Mask            Iface\n"
                + "node3.arp_lan            ether   02:42:ac:1c:00:0d   C                     eth0\n");
        assertThat(ReferenceLab.run(lab, "node1", "arp -a node3.arp_lan"))
                .isEqualTo("node3.arp_lan (172.28.0.13) at 02:42:ac:1c:00:0d [ether] on eth0\n");
        assertThat(ReferenceLab.run(lab, "node1", "arp -i eth1"))
                .isEqualTo("arp: in 1 entries no match found.\n");
        assertThat(ReferenceLab.run(lab, "node1", "arp -n 172.28.0.12"))
                .isEqualTo("172.28.0.12 (172.28.0.12) -- no entry\n");
        // node3 learnt node1 from its request: STALE, then DELAY when it answered the echo
        assertThat(ReferenceLab.run(lab, "node3", "ip neigh"))
                .isEqualTo("172.28.0.11 dev eth0 lladdr 02:42:ac:1c:00:0b DELAY \n");
    }

    @Test
    void arpSetAndDelete() {
        Lab lab = lab();
        ReferenceLab.run(lab, "node1", "arp -s 172.28.0.70 02:00:00:00:00:70");
        assertThat(ReferenceLab.run(lab, "node1", "ip neigh"))
                .isEqualTo("172.28.0.70 dev eth0 lladdr 02:00:00:00:00:70 PERMANENT \n");
        ReferenceLab.run(lab, "node1", "arp -s 172.28.0.71 02:00:00:00:00:71 temp");
        assertThat(ReferenceLab.run(lab, "node1", "arp -an")).isEqualTo("""
                ? (172.28.0.70) at 02:00:00:00:00:70 [ether] PERM on eth0
                ? (172.28.0.71) at 02:00:00:00:00:71 [ether] on eth0
                """);
        ReferenceLab.run(lab, "node1", "arp -d 172.28.0.70");
        assertThat(ReferenceLab.run(lab, "node1", "arp -an"))
                .isEqualTo("? (172.28.0.71) at 02:00:00:00:00:71 [ether] on eth0\n");
        Lab.Result r = lab.exec("node1", "arp -d 172.28.0.70");
        assertThat(r.stdout()).isEqualTo("No ARP entry for 172.28.0.70\n");
        assertThat(r.exitCode()).isEqualTo(255);
        r = lab.exec("node1", "arp -s 10.1.1.1 02:00:00:00:00:01");
        assertThat(r.stderr()).isEqualTo("SIOCSARP: Network is unreachable\n");
        assertThat(r.exitCode()).isEqualTo(255);
        r = lab.exec("node1", "arp -s 172.28.0.72 zz:00:00:00:00:01");
        assertThat(r.stderr()).isEqualTo("arp: invalid hardware address\n");
        r = lab.exec("node1", "arp -s 172.28.0.72");
        assertThat(r.stderr()).isEqualTo("arp: need hardware address\n");
        r = lab.exec("node1", "arp -a nosuchhost");
        assertThat(r.stderr()).isEqualTo("nosuchhost: Unknown host\n");
        assertThat(r.exitCode()).isEqualTo(255);
    }

    @Test
    void entriesOnSeveralDevices() {
        Lab lab = lab();
        Host r = lab.addHost("router");
        lab.attach(r, "eth0", MacAddress.parse("02:00:00:00:01:01"), "172.28.0.200/16", lab.bridge("br-arp_lan"),
                "veth-r0", MacAddress.parse("ee:ee:ee:00:01:01"));
        lab.attach(r, "eth1", MacAddress.parse("02:00:00:00:01:02"), "172.18.0.200/16", lab.bridge("br-net18"),
                "veth-r1", MacAddress.parse("ee:ee:ee:00:01:02"));
        ReferenceLab.run(lab, "router", "ping -c1 172.28.0.11");
        ReferenceLab.run(lab, "router", "ping -c1 172.18.0.2");
        assertThat(ReferenceLab.run(lab, "router", "ip neigh")).isEqualTo("""
                172.28.0.11 dev eth0 lladdr 02:42:ac:1c:00:0b REACHABLE\s
                172.18.0.2 dev eth1 lladdr 02:42:ac:12:00:02 REACHABLE\s
                """);
        assertThat(ReferenceLab.run(lab, "router", "ip neigh show dev eth1"))
                .isEqualTo("172.18.0.2 lladdr 02:42:ac:12:00:02 REACHABLE \n");
        assertThat(ReferenceLab.run(lab, "router", "ip neigh show 172.28.0.0/16"))
                .isEqualTo("172.28.0.11 dev eth0 lladdr 02:42:ac:1c:00:0b REACHABLE \n");
        assertThat(ReferenceLab.run(lab, "router", "ip neigh show nud stale")).isEmpty();
        assertThat(ReferenceLab.run(lab, "router", "arp -an")).isEqualTo("""
                ? (172.28.0.11) at 02:42:ac:1c:00:0b [ether] on eth0
                ? (172.18.0.2) at 02:42:ac:12:00:02 [ether] on eth1
                """);
        assertThat(ReferenceLab.run(lab, "router", "arp -n -i eth1")).isEqualTo(
                "Address                  HWtype  HWaddress           Flags Mask            Iface\n"
                + "172.18.0.2               ether   02:42:ac:12:00:02   C                     eth1\n");
        // the router's veth ends in the host namespace: no link-netns name given, so a netns id
        assertThat(ReferenceLab.run(lab, "router", "ip -br l")).isEqualTo("""
                lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>\s
                eth0@if8         UP             02:00:00:00:01:01 <BROADCAST,MULTICAST,UP,LOWER_UP>\s
                eth1@if9         UP             02:00:00:00:01:02 <BROADCAST,MULTICAST,UP,LOWER_UP>\s
                """);
        assertThat(ReferenceLab.run(lab, "host", "ip link show veth-r1")).isEqualTo(
                "9: veth-r1@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br-net18 state UP"
                + " mode DEFAULT group default qlen 1000\n"
                + "    link/ether ee:ee:ee:00:01:02 brd ff:ff:ff:ff:ff:ff link-netnsid 4\n");
        assertThat(ReferenceLab.run(lab, "router", "ip link show eth1")).contains("link-netns ref-host");
        ReferenceLab.run(lab, "router", "ip neigh flush dev eth0");
        assertThat(ReferenceLab.run(lab, "router", "ip neigh"))
                .isEqualTo("172.18.0.2 dev eth1 lladdr 02:42:ac:12:00:02 REACHABLE \n");
        assertThat(ReferenceLab.run(lab, "router", "ip -s neigh flush all"))
                .isEqualTo("\n*** Round 1, deleting 1 entries ***\n*** Flush is complete after 1 round ***\n");
        assertThat(ReferenceLab.run(lab, "router", "ip -s neigh flush all")).isEqualTo("Nothing to flush.\n");
    }

    @Test
    void parsingErrors() {
        Lab lab = lab();
        assertFails(lab, "node1", "ip neigh add 172.28.0.5 lladdr 02:00:00:00:00:05 dev eth9", 1,
                "Cannot find device \"eth9\"");
        assertFails(lab, "node1", "ip neigh add 172.28.0.5 lladdr 02:00:00:00:00:05", 255,
                "Device and destination are required arguments.");
        assertFails(lab, "node1", "ip neigh add 172.28.0.5 lladdr 02:00:00:00:00:05 dev eth0 nud bogus", 255,
                "Error: argument \"bogus\" is wrong: nud state is bad");
        assertFails(lab, "node1", "ip neigh add foo lladdr 02:00:00:00:00:05 dev eth0", 1,
                "Error: any valid address is expected rather than \"foo\".");
        assertFails(lab, "node1", "ip -4 neigh add foo dev eth0", 1,
                "Error: inet address is expected rather than \"foo\".");
        // ll_addr_a2n() names the part sscanf("%x") refuses (checked against iproute2 6.1)
        assertFails(lab, "node1", "ip neigh add 172.28.0.5 lladdr 02:zz:00:00:00:05 dev eth0", 1,
                "\"zz\" is invalid lladdr.");
        assertFails(lab, "node1", "ip neigh add 172.28.0.5 dev eth0", 2,
                "Error: No link layer address given.");
        assertFails(lab, "node1", "ip neigh add 172.28.0.5 lladdr", 255,
                "Command line is not complete. Try option \"help\"");
        assertFails(lab, "node1", "ip neigh show dev eth9", 1, "Cannot find device \"eth9\"");
        assertFails(lab, "node1", "ip neigh flush", 1, "Flush requires arguments.");
        assertFails(lab, "node1", "ip neigh frob", 255, "Command \"frob\" is unknown, try \"ip neigh help\".");
        assertFails(lab, "node1", "ip frob", 1, "Object \"frob\" is unknown, try \"ip help\".");
        assertFails(lab, "node1", "ip -z neigh", 255, "Option \"-z\" is unknown, try \"ip -help\".");
        assertFails(lab, "node1", "ip neigh show dev eth0 dev eth0", 255,
                "Error: duplicate \"dev\": \"eth0\" is the second value.");
        assertThat(lab.exec("node1", "ip").exitCode()).isEqualTo(255);
    }

    @Test
    void monitorWithTimestampsAndLabels() {
        Lab lab = lab();
        var shortTs = ReferenceLab.start(lab, "node1", "ip -ts monitor neigh");
        var longTs = ReferenceLab.start(lab, "node1", "ip -t monitor all");
        ReferenceLab.run(lab, "node1", "ip neigh add 172.28.0.50 lladdr 02:00:00:00:00:50 dev eth0");
        // the lab's clock starts at 2024-01-01T00:00:00Z; this ran at +1 s
        assertThat(shortTs.stop()).isEqualTo(
                "[2024-01-01T00:00:01.000000] 172.28.0.50 dev eth0 lladdr 02:00:00:00:00:50 PERMANENT \n");
        assertThat(longTs.stop()).isEqualTo("Timestamp: Mon Jan  1 00:00:01 2024 0 usec\n"
                + "[NEIGH]172.28.0.50 dev eth0 lladdr 02:00:00:00:00:50 PERMANENT \n");
    }
}
