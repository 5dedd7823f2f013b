package io.arplab.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The commands a node knows, by name. */
public final class Tools {
    private Tools() {}

    public static Map<String, Supplier<Tool>> standard() {
        Map<String, Supplier<Tool>> m = new LinkedHashMap<>();
        m.put("ping", Ping::new);
        // tcpdump inside a node reads the capture files written so far (-r) or captures live (-i)
        // a container has no /etc/localtime, so its tcpdump prints UTC whatever the machine's zone
        m.put("tcpdump", () -> (ctx, args) -> TcpdumpTool.start(ctx, args,
                o -> new io.arplab.wire.tcpdump.TcpdumpPrinter(o.withZone(java.time.ZoneOffset.UTC))::print));
        // tshark with its default columns: a capture file (-r) or a live capture (-i)
        m.put("tshark", () -> TsharkTool::start);
        m.put("ip", io.arplab.tools.iproute.Ip::new);
        m.put("bridge", io.arplab.tools.iproute.Bridge::new);
        m.put("arp", Arp::new);
        m.put("sysctl", Sysctl::new);
        m.put("arping", Arping::new);
        m.put("traceroute", Traceroute::new);
        m.put("tracepath", Tracepath::new);
        m.put("timeout", Timeout::new);
        m.put("arpspoof", Arpspoof::new);
        m.put("macof", Macof::new);
        m.put("inject", Inject::new);
        m.put("arpwatch", Arpwatch::new);
        m.put("arp-scan", ArpScan::new);
        m.put("nc", Nc::new);
        m.put("nft", io.arplab.tools.nft.Nft::new);
        m.put("iptables", io.arplab.tools.iptables.Iptables::new);
        m.put("iptables-save", io.arplab.tools.iptables.IptablesSave::new);
        m.put("ovs-ofctl", io.arplab.tools.ovs.OvsOfctl::new);
        m.put("ovs-appctl", io.arplab.tools.ovs.OvsAppctl::new);
        m.put("ovs-vsctl", io.arplab.tools.ovs.OvsVsctl::new);
        m.put("ovs-dpctl", io.arplab.tools.ovs.OvsDpctl::new);
        return m;
    }
}
