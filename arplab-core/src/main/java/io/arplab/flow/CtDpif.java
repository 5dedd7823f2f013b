package io.arplab.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The userspace conntrack's connections as dpctl prints them (lib/ct-dpif.c, lib/dpctl.c). */
final class CtDpif {
    private CtDpif() {}

    static final int PROTO_DCCP = 33, PROTO_UDPLITE = 136;

    /** ct_dpif_format_entry() of each connection of {@code zone} (-1: all); {@code now} below 0: no timeouts. */
    static List<String> dump(Iterable<Conntrack.Conn> conns, int zone, boolean verbose, long now) {
        List<String> out = new ArrayList<>();
        for (Conntrack.Conn c : conns) {
            Conntrack.Key o = c.orig;
            if (zone >= 0 && o.zone() != zone) {
                continue;
            }
            String proto = switch (o.proto()) { // ct_dpif_format_ipproto()
                case Match.PROTO_ICMP -> "icmp";
                case Match.PROTO_ICMPV6 -> "icmpv6";
                case Match.PROTO_TCP -> "tcp";
                case Match.PROTO_UDP -> "udp";
                case Match.PROTO_SCTP -> "sctp";
                case PROTO_UDPLITE -> "udplite";
                case PROTO_DCCP -> "dccp";
                case Match.PROTO_IGMP -> "igmp";
                default -> Integer.toString(o.proto());
            };
            StringBuilder s = new StringBuilder(proto).append(",orig=(src=").append(o.srcText())
                    .append(",dst=").append(o.dstText());
            o.formatL4(s);
            s.append("),reply=(src=").append(c.reply.srcText()).append(",dst=").append(c.reply.dstText());
            c.reply.formatL4(s);
            s.append(")");
            if (verbose) {
                s.append(",id=0");
            }
            if (o.zone() != 0) {
                s.append(",zone=").append(o.zone());
            }
            if (verbose) {
                s.append(",status=0");
            }
            if (now >= 0) {
                s.append(",timeout=").append(c.expiration > now ? (c.expiration - now) / 1_000_000 / 1000 : 0);
            }
            if (c.mark != 0) {
                s.append(",mark=").append(c.mark);
            }
            if (!c.label.isZero()) { // ct_dpif_format_entry()
                s.append(",labels=").append(c.label.hex());
            }
            if (o.proto() == Match.PROTO_TCP) {
                s.append(",protoinfo=(").append(c.tcp != null && verbose ? c.tcp.protoinfoVerbose()
                        : "state=" + c.tcpState()).append(")");
            }
            if (c.helper != null) { // ct_dpif_format_helper()
                s.append(",helper=").append(c.helper);
            }
            if (verbose && c.parent != null) { // an ALG's related connection: its parent's original tuple
                s.append(",parent=(src=").append(c.parent.srcText()).append(",dst=").append(c.parent.dstText());
                c.parent.formatL4(s);
                s.append(")");
            }
            out.add(s.toString());
        }
        return out;
    }

    /** dpctl_ct_stats_show() of the connections of {@code zone} (-1: all). */
    static List<String> stats(Iterable<Conntrack.Conn> conns, int zone, boolean verbose) {
        int total = 0;
        Map<String, Integer> protos = new LinkedHashMap<>();
        for (String p : List.of("TCP", "UDP", "UDPLITE", "SCTP", "ICMP", "DCCP", "IGMP", "Other")) {
            protos.put(p, 0);
        }
        java.util.TreeMap<ConntrackTcp.State, Integer> states = new java.util.TreeMap<>();
        for (Conntrack.Conn c : conns) {
            if (zone >= 0 && c.orig.zone() != zone) {
                continue;
            }
            total++;
            String p = switch (c.orig.proto()) {
                case Match.PROTO_ICMP -> "ICMP";
                case Match.PROTO_ICMPV6 -> null;
                case Match.PROTO_TCP -> "TCP";
                case Match.PROTO_UDP -> "UDP";
                case Match.PROTO_SCTP -> "SCTP";
                case PROTO_UDPLITE -> "UDPLITE";
                case PROTO_DCCP -> "DCCP";
                case Match.PROTO_IGMP -> "IGMP";
                default -> "Other";
            };
            if (p != null) {
                protos.merge(p, 1, Integer::sum);
            }
            if (c.orig.proto() == Match.PROTO_TCP) {
                states.merge(ConntrackTcp.State.valueOf(c.tcpState()), 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>(List.of("Connections Stats:", "    Total: " + total));
        protos.forEach((p, n) -> {
            if (n > 0) {
                out.add("  " + p + ": " + n);
                if (p.equals("TCP") && verbose) {
                    out.add("    Conn per TCP states:");
                    states.forEach((st, k) -> out.add("\t  [" + st + "]=" + k)); // ct_dpif_format_tcp_stat()
                }
            }
        });
        return out;
    }
}
