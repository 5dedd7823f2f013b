package io.arplab.lab;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.sim.TraceLog;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;

/**
 * The reference recordings' topology (refdata/linux/env/topology.txt) built in code: namespace "host" with bridges
 * br-arp_lan 172.28.0.1/16 and br-net18 172.18.0.1/16 and forwarding on; node1..3 on br-arp_lan, node4 on br-net18.
 */
final class SeedLab {
    private SeedLab() {}

    static Lab build(long seed, TraceLog trace) {
        Lab lab = new Lab(seed, Lab.DEFAULT_EPOCH, trace);
        Host host = lab.addHost("host");
        host.stack().setIpForward(true);
        LinuxBridge lan = lab.addBridge("br-arp_lan", MacAddress.parse("02:42:8e:ff:44:b3"), host, "172.28.0.1/16");
        LinuxBridge net18 = lab.addBridge("br-net18", MacAddress.parse("02:42:5a:3c:7e:21"), host, "172.18.0.1/16");
        node(lab, "node1", lan, "02:42:ac:1c:00:0b", "172.28.0.11", "ee:ee:ee:1c:00:0b", "172.28.0.1");
        node(lab, "node2", lan, "02:42:ac:1c:00:0c", "172.28.0.12", "ee:ee:ee:1c:00:0c", "172.28.0.1");
        node(lab, "node3", lan, "02:42:ac:1c:00:0d", "172.28.0.13", "ee:ee:ee:1c:00:0d", "172.28.0.1");
        node(lab, "node4", net18, "02:42:ac:12:00:02", "172.18.0.2", "ee:ee:ee:12:00:02", "172.18.0.1");
        return lab;
    }

    private static void node(Lab lab, String name, LinuxBridge br, String mac, String ip, String vethMac, String gw) {
        Host h = lab.addHost(name);
        lab.attach(h, "eth0", MacAddress.parse(mac), ip + "/16", br, "veth-" + name, MacAddress.parse(vethMac));
        lab.defaultRoute(h, Ipv4Address.parse(gw));
    }
}
