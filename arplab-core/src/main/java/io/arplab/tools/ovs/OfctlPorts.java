package io.arplab.tools.ovs;

import io.arplab.flow.MatchFormat;
import io.arplab.flow.Ofproto;
import io.arplab.flow.OfVersion;
import io.arplab.flow.PortMap;
import io.arplab.flow.Ports;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ovs-ofctl's port commands (utilities/ovs-ofctl.c over lib/ofp-port.c): show, dump-ports, dump-ports-desc and
 * mod-port.
 */
final class OfctlPorts {
    private final OvsOfctl of;

    OfctlPorts(OvsOfctl of) {
        this.of = of;
    }

    // ofctl_dump_ports() and ofputil_format_port_stats(): a dummy port counts packets and bytes only ('?' for the rest)
    // ports_to_show(): dump_transaction()'s replies print the ports by name under --names
    private PortMap shown(Ofproto br) {
        return of.names ? of.portMap(br) : PortMap.NONE;
    }

    int dumpPorts(Ofproto br, String port) {
        List<Ofproto.Port> ports = br.portsInOfprotoOrder();
        int xid = 2;
        if (port != null) {
            long no = portNo(br, port);
            if (no < 0) {
                return 1;
            }
            if (Ports.parse(port, PortMap.NONE) < 0) {
                xid = 4; // the port's name took a port-description request first
            }
            long n = no;
            if (n != Ports.NONE) {
                ports = ports.stream().filter(p -> p.ofport == n).toList();
            }
        }
        StringBuilder o = new StringBuilder(of.version == OfVersion.OF10 ? "OFPST_PORT reply"
                : "OFPST_PORT reply (" + of.version.shortName + ")");
        o.append(" (xid=0x").append(xid).append("): ").append(ports.size()).append(" ports\n");
        for (Ofproto.Port p : ports) {
            // netdev-linux (a host's veth end) counts errors and drops, netdev-dummy does not ('?': UINT64_MAX)
            boolean linux = p.isLinux();
            String c = linux ? "0" : "?";
            o.append("  port ").append(p.ofport < 10 ? " " : "")
                    .append(io.arplab.flow.Ports.format(p.ofport, shown(br)))
                    .append(": rx pkts=").append(p.rxPackets).append(", bytes=").append(p.rxBytes)
                    .append(", drop=" + c + ", errs=" + c + ", frame=" + c + ", over=" + c + ", crc=" + c + "\n");
            o.append("           tx pkts=").append(p.netdevTxPackets()).append(", bytes=").append(p.netdevTxBytes())
                    .append(", drop=" + c + ", errs=" + c + ", coll=" + c + "\n");
            if (of.version.compareTo(OfVersion.OF13) >= 0) {
                o.append("           duration=").append(String.format("%.3f", of.ctx.now() / 1e9)).append("s\n");
            }
            if (of.version.atLeast(OfVersion.OF14) && !linux) { // netdev-linux has no custom statistics
                // ofputil_format_port_stats(): netdev-dummy's custom counters (two counts of the packets received),
                // three to a row, then its one queue's
                o.append("           CUSTOM Statistics\n                      rx_custom_packets_1=")
                        .append(p.rxPackets).append(", rx_custom_packets_2=").append(p.rxPackets)
                        .append(", rx_q0_bytes=").append(p.rxBytes).append(",\n                      rx_q0_packets=")
                        .append(p.rxPackets).append(", tx_q0_bytes=").append(p.netdevTxBytes())
                        .append(", tx_q0_packets=").append(p.netdevTxPackets()).append(",\n");
            }
        }
        of.ctx.out().print(o);
        return 0;
    }

    // ofctl_show(): OFPT_FEATURES_REPLY (the ports in it before OpenFlow 1.3, a port description request after),
    // then OFPT_GET_CONFIG_REPLY
    int show(Ofproto br) {
        var o = of.ctx.out();
        boolean of13 = of.version.atLeast(OfVersion.OF13);
        o.println(String.format("OFPT_FEATURES_REPLY%s (xid=0x2): dpid:%016x", of.versionTag(), br.datapathId));
        o.println("n_tables:254, n_buffers:0");
        if (of.version == OfVersion.OF10) {
            o.println("capabilities: FLOW_STATS TABLE_STATS PORT_STATS QUEUE_STATS ARP_MATCH_IP");
            o.println("actions: output enqueue set_vlan_vid set_vlan_pcp strip_vlan mod_dl_src mod_dl_dst mod_nw_src "
                    + "mod_nw_dst mod_nw_tos mod_tp_src mod_tp_dst");
            o.print(portDescs(br, null));
        } else if (!of13) { // OpenFlow 1.1 and 1.2: no actions, the ports still in it; ofputil_capabilities_mask():
            // ARP_MATCH_IP up to OpenFlow 1.1
            o.println("capabilities: FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS QUEUE_STATS"
                    + (of.version == OfVersion.OF11 ? " ARP_MATCH_IP" : ""));
            o.print(portDescs(br, null));
        } else {
            o.println("capabilities: FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS QUEUE_STATS"
                    + (of.version.atLeast(OfVersion.OF14) ? " BUNDLES" : ""));
            o.println("OFPST_PORT_DESC reply" + of.versionTag() + " (xid=0x3):");
            o.print(portDescs(br, null));
        }
        o.println("OFPT_GET_CONFIG_REPLY" + of.versionTag() + " (xid=0x" + (of13 ? 5 : 4)
                + "): frags=" + br.fragHandling() + " miss_send_len=0");
        return 0;
    }

    // ofctl_dump_ports_desc(): a port named (not numbered) takes a port description request first; only
    // OpenFlow 1.5's request carries the port, the earlier ones list them all
    int dumpPortsDesc(Ofproto br, String port) {
        int xid = 2;
        Long only = null;
        if (port != null) {
            long no = portNo(br, port);
            if (no < 0) {
                return 1;
            }
            xid = Ports.parse(port, PortMap.NONE) < 0 ? 4 : 2;
            if (of.version.atLeast(OfVersion.OF15) && no != Ports.NONE) {
                only = no;
            }
        }
        of.ctx.out().println("OFPST_PORT_DESC reply" + of.versionTag() + " (xid=0x" + xid + "):");
        of.ctx.out().print(portDescs(br, only));
        return 0;
    }

    // ofctl_mod_port(): the port by number or name, then a command, "no-" inverting it; only up and down modelled
    // ofctl_mod_port()'s flags: the name, its ofputil_port_config bit, and the value it sets the bit to
    static final String[] MOD_PORT_NAMES = {"up", "down", "stp", "receive", "receive-stp", "flood", "forward",
        "packet-in"};
    static final int[] MOD_PORT_BITS = {Ofproto.Port.PORT_DOWN, Ofproto.Port.PORT_DOWN, Ofproto.Port.NO_STP,
        Ofproto.Port.NO_RECV, Ofproto.Port.NO_RECV_STP, Ofproto.Port.NO_FLOOD, Ofproto.Port.NO_FWD,
        Ofproto.Port.NO_PACKET_IN};

    // ofctl_mod_port(): the port first (fetch_ofputil_phy_port()), then the command, any case, "no-" or "no" before
    // it setting the bit the other way; an OpenFlow 1.1+ port_mod carries only OFPPC11_ALL's bits
    int modPort(Ofproto br, String port, String command) {
        Ofproto.Port p = null;
        for (Ofproto.Port each : br.ports()) {
            if (each.name.equals(port) || Long.toString(each.ofport).equals(port)) {
                p = each;
            }
        }
        if (p == null) {
            return of.fail(br.name + ": couldn't find port `" + port + "'");
        }
        String lower = command.toLowerCase(java.util.Locale.ROOT);
        boolean not = lower.startsWith("no");
        String name = lower.startsWith("no-") ? lower.substring(3) : not ? lower.substring(2) : lower;
        int i = java.util.Arrays.asList(MOD_PORT_NAMES).indexOf(name);
        if (i < 0) {
            return of.fail("unknown mod-port command '" + command + "'");
        }
        boolean on = name.equals("down") != not;
        int mask = MOD_PORT_BITS[i] & (of.version.atLeast(OfVersion.OF11) ? OF11_PORT_CONFIG : -1);
        br.modPort(p, mask, on ? mask : 0);
        br.runBonds(of.ctx.now()); // bond_run(): a bond member's carrier follows OFPPC_PORT_DOWN
        return 0;
    }

    /** OFPPC11_ALL: PORT_DOWN, NO_RECV, NO_FWD, NO_PACKET_IN (OpenFlow 1.1 dropped the STP and flood bits). */
    static final int OF11_PORT_CONFIG = Ofproto.Port.PORT_DOWN | Ofproto.Port.NO_RECV | Ofproto.Port.NO_FWD
            | Ofproto.Port.NO_PACKET_IN;

    // str_to_port_no(): ofputil_port_from_string() without the switch's port names, then with them, else a fatal
    // error; each call logs its warnings
    long portNo(Ofproto br, String name) {
        List<String> log = new java.util.ArrayList<>();
        long no = Ports.parse(name, PortMap.NONE, log);
        if (no < 0) {
            no = Ports.parse(name, of.portMap(br), log);
        }
        for (String l : log) {
            of.log(l);
        }
        if (no < 0) {
            of.fail(br.name + ": unknown port `" + name + "'");
        }
        return no;
    }

    // ofp_print_port_config(): the bits' names (ofputil_port_config_to_name()), low to high, of those the version
    // carries (ofputil_port_config_to_ofp11() keeps OFPPC11_ALL's)
    String portConfig(int config) {
        int c = config & (of.version.atLeast(OfVersion.OF11) ? OF11_PORT_CONFIG : -1);
        StringBuilder b = new StringBuilder();
        String[] names = {"PORT_DOWN", "NO_STP", "NO_RECV", "NO_RECV_STP", "NO_FLOOD", "NO_FWD", "NO_PACKET_IN"};
        for (int i = 0; i < names.length; i++) {
            if ((c & 1 << i) != 0) {
                b.append(b.isEmpty() ? "" : " ").append(names[i]);
            }
        }
        return b.isEmpty() ? "0" : b.toString();
    }

    // ofputil_port_desc: the ports in number order (LOCAL last); state LIVE from OpenFlow 1.1 on (ofp11_port's
    // OFPPS11_LIVE, which OpenFlow 1.0's phy_port lacks)
    String portDescs(Ofproto br, Long only) {
        StringBuilder o = new StringBuilder();
        List<Ofproto.Port> ports = br.ports();
        ports.sort(Comparator.comparingLong(p -> p.ofport));
        for (Ofproto.Port p : ports) {
            if (only != null && p.ofport != only) {
                continue;
            }
            o.append(' ').append(Ports.format(p.ofport, PortMap.NONE)).append('(').append(p.name).append("): addr:")
                    .append(io.arplab.flow.MatchFormat.mac(p.mac)).append('\n');
            o.append("     config:     ").append(portConfig(p.config)).append('\n');
            boolean down = (p.config & Ofproto.Port.PORT_DOWN) != 0; // the netdev down: no carrier
            o.append("     state:      ").append(down ? "LINK_DOWN" : of.version.atLeast(OfVersion.OF11) ? "LIVE" : "0")
                    .append('\n');
            if (p.isLinux()) {
                // netdev_linux_get_features(): a veth's ethtool link settings, 10 Gb/s full duplex over "twisted pair"
                o.append("     current:    10GB-FD COPPER\n     speed: 10000 Mbps now, 0 Mbps max\n");
            } else {
                o.append("     speed: 0 Mbps now, 0 Mbps max\n");
            }
        }
        return o.toString();
    }

    /**
     * ofctl_queue_stats(): PORT (ANY by default or "all") and QUEUE (atoi(), or ALL); the reply's queues as
     * ofputil_queue_stats_reply_format() prints them, or the switch's error with the request (exit status 0,
     * dump_transaction()).
     */
    int queueStats(Ofproto br, List<String> rest) {
        long port = Ports.NONE;
        int xid = 2;
        if (rest.size() > 1 && !rest.get(1).isEmpty() && !rest.get(1).equalsIgnoreCase("all")) {
            port = portNo(br, rest.get(1));
            if (port < 0) {
                return 1;
            }
            xid = Ports.parse(rest.get(1), PortMap.NONE) < 0 ? 4 : 2; // a name takes a port description first
        }
        long queue = rest.size() > 2 && !rest.get(2).isEmpty() && !rest.get(2).equalsIgnoreCase("all")
                ? io.arplab.wire.libc.CLib.atoi(rest.get(2)) & 0xffffffffL : Ofproto.QUEUE_ALL;
        String x = of.versionTag() + " (xid=0x" + xid + "):";
        Ofproto.Queues q = br.queues(port, queue);
        if (q.error() != null) {
            of.ctx.out().println("OFPT_ERROR" + x + " " + q.error());
            of.ctx.out().println("OFPST_QUEUE request" + x + " port=" + Ports.format(port, shown(br)) + " queue="
                    + (queue == Ofproto.QUEUE_ALL ? "ALL" : String.valueOf(queue)));
            return 0;
        }
        List<Ofproto.Port> ports = q.ports();
        of.ctx.out().println("OFPST_QUEUE reply" + x + " " + ports.size() + " queues");
        for (Ofproto.Port p : ports) {
            of.ctx.out().println("  port " + Ports.format(p.ofport, shown(br))
                    + " queue 0: bytes=?, pkts=?, errors=?, duration=?");
        }
        return 0;
    }

    /**
     * ofctl_queue_get_config(): PORT ("any" by default) and QUEUE; OpenFlow 1.0 asks every port below OFPP_MAX in
     * turn for ANY (in the port description's order, after it), 1.0 to 1.2 carry no queue (ALL) and refuse a port
     * above OFPP_MAX in decoding (ofputil_decode_queue_get_config_request(): OFPQOFC_BAD_PORT, the request
     * hex-dumped), 1.4 on is OFPST_QUEUE_DESC; ofputil_queue_get_config_reply_format() prints the queues sorted by
     * port, then queue, "port=" where it changes (1.0 to 1.3: the request's port for all of them).
     */
    int queueGetConfig(Ofproto br, List<String> rest) {
        String portName = rest.size() > 1 ? rest.get(1) : "any";
        long port = portNo(br, portName);
        if (port < 0) {
            return 1;
        }
        int xid = Ports.parse(portName, PortMap.NONE) < 0 ? 4 : 2;
        long queue = rest.size() <= 2 || rest.get(2).equalsIgnoreCase("all") ? Ofproto.QUEUE_ALL
                : io.arplab.wire.libc.CLib.atoi(rest.get(2)) & 0xffffffffL;
        boolean desc = of.version.atLeast(OfVersion.OF14);
        if (!desc) {
            queue = Ofproto.QUEUE_ALL;
        }
        if (port == Ports.NONE && of.version == OfVersion.OF10) {
            xid = 4;
            for (Ofproto.Port p : br.portsInOfprotoOrder()) {
                if (p.ofport < Ports.MAX) {
                    queueConfigReply(br, p.ofport, queue, xid++);
                }
            }
            return 0;
        }
        if (!desc && port >= Ports.MAX && port != Ports.NONE) {
            String x = of.versionTag() + " (xid=0x" + xid + "):";
            of.ctx.out().println("OFPT_ERROR" + x + " OFPQOFC_BAD_PORT");
            of.ctx.out().println("OFPT_QUEUE_GET_CONFIG_REQUEST" + x + " ***decode error: OFPQOFC_BAD_PORT***");
            // ofp10_queue_get_config_request (port, pad) or ofp11's (port, pad)
            String hex = of.version == OfVersion.OF10
                    ? String.format("01 14 00 0c 00 00 00 %02x-%02x %02x 00 00             |............    |",
                            xid, port >> 8 & 0xff, port & 0xff)
                    : String.format("%02x 16 00 10 00 00 00 %02x-%02x %02x %02x %02x 00 00 00 00 |................|",
                            of.version.wire, xid, 0xff, 0xff, 0xff, port & 0xff);
            of.ctx.out().println("00000000  " + hex);
            return 0;
        }
        queueConfigReply(br, port, queue, xid);
        return 0;
    }

    // one queue-get-config transaction's reply or error
    private void queueConfigReply(Ofproto br, long port, long queue, int xid) {
        boolean desc = of.version.atLeast(OfVersion.OF14);
        String x = of.versionTag() + " (xid=0x" + xid + "):";
        Ofproto.Queues q = br.queues(port, queue);
        if (q.error() != null) {
            of.ctx.out().println("OFPT_ERROR" + x + " " + q.error());
            of.ctx.out().println((desc ? "OFPST_QUEUE_DESC request" : "OFPT_QUEUE_GET_CONFIG_REQUEST") + x + " port="
                    + Ports.format(port, PortMap.NONE) + (desc && queue != Ofproto.QUEUE_ALL ? " queue=" + queue : ""));
            return;
        }
        List<Ofproto.Port> ports = new ArrayList<>(q.ports());
        ports.sort(Comparator.comparingLong(p -> p.ofport)); // compare_queues(): by port as a u16, then queue
        StringBuilder s = new StringBuilder(desc ? "OFPST_QUEUE_DESC reply" : "OFPT_QUEUE_GET_CONFIG_REPLY").append(x);
        String last = null;
        for (Ofproto.Port p : ports) {
            String shown = Ports.format(desc ? p.ofport : port, PortMap.NONE);
            if (!shown.equals(last)) {
                s.append(last == null ? " " : "").append("port=").append(shown).append('\n');
                last = shown;
            }
            s.append("queue 0:\n");
        }
        of.ctx.out().print(ports.isEmpty() ? s.append('\n') : s);
    }
}
