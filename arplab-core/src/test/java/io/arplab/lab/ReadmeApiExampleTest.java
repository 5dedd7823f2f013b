package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.observe.PcapCapture;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's own API (the README's Java example before io.arplab.api), and the pcap its close() completes. */
class ReadmeApiExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeExampleRuns() {
        Lab lab = new Lab(42);                                   // seed
        Host host = lab.addHost("host");
        host.stack().setIpForward(true);
        LinuxBridge lan = lab.addBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), host, "172.28.0.1/16");
        Host node1 = lab.addHost("node1");
        lab.attach(node1, "eth0", MacAddress.parse("02:42:ac:1c:00:0b"), "172.28.0.11/16", lan, "veth1", MacAddress.parse("ee:ee:ee:1c:00:0b"));
        lab.defaultRoute(node1, Ipv4Address.parse("172.28.0.1"));
        PcapCapture capture = new PcapCapture(dir.resolve("node1.pcap"));
        lab.capture("node1", "eth0", capture);
        Lab.Result r = lab.exec("node1", "ping -c3 172.28.0.1");  // runs in virtual time
        lab.runFor(30_000_000_000L);                              // let 30 s pass
        String neigh = lab.exec("node1", "ip -s neigh").stdout();
        capture.close();

        assertThat(r.stdout()).contains("3 packets transmitted, 3 received, 0% packet loss");
        assertThat(neigh).startsWith("172.28.0.1 dev eth0 lladdr 02:42:8e:ff:44:b3 ");
    }

    @Test
    void closingTheLabCompletesItsPcapFiles() {
        Path file = dir.resolve("node1.pcap");
        try (Lab lab = new Lab(42)) {
            Host host = lab.addHost("host");
            LinuxBridge lan = lab.addBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), host, "172.28.0.1/16");
            Host node1 = lab.addHost("node1");
            lab.attach(node1, "eth0", MacAddress.parse("02:42:ac:1c:00:0b"), "172.28.0.11/16", lan, "veth1",
                    MacAddress.parse("ee:ee:ee:1c:00:0b"));
            lab.capture("node1", "eth0", new PcapCapture(file));
            lab.exec("node1", "ping -c3 172.28.0.1");
        }
        // two ARP frames, three echo pairs and the snooping bridge's two IGMPv3 reports, whole: nothing left in a
        // buffer
        assertThat(io.arplab.wire.pcap.CaptureReader.readAll(file)).hasSize(10);
    }
}
