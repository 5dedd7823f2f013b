package io.arplab.flow;

import io.arplab.wire.libc.CLib;
import java.util.List;

/**
 * What lib/dpctl.c prints of the userspace datapath (dpctl_dump_flows(), dpctl_show()'s show_dpif()) and
 * ofproto-dpif.c's dpif_show_backer() (dpif/show), from {@link Datapath}'s state.
 */
final class DpctlFormat {
    private DpctlFormat() {
    }

    /**
     * dpctl_dump_flows()'s filter: the flow's key and the filter (parse_ofp_exact_flow()) each masked by the flow's
     * mask (odp_flow_key_to_mask(), match_init()), compared on the filter's own fields (minimatch_matches_flow()): a
     * field the megaflow wildcards passes whatever the filter gives it. in_port is a datapath port number.
     */
    private static boolean meets(Megaflow m, Match filter) {
        for (Slot s : Slot.ALL) {
            long f = filter.mask(s);
            if (f == 0) {
                continue;
            }
            long v = m.key(s.ordinal()), mask = m.mask[s.ordinal()];
            if (s == Slot.IN_PORT) {
                Ofproto.Port p = m.br.port(v);
                v = p == null ? v : p.dpPort;
                mask = -1L;
            } else if (s.ordinal() <= Slot.CT_TP_DST.ordinal()) { // the key's ct_tuple4/ct_tuple6
                long[] vm = ctOrig(s, m.ctTuple, m.ctMask);
                v = vm[0];
                mask = vm[1];
            }
            if (((v ^ filter.value(s)) & mask & f) != 0) {
                return false;
            }
        }
        return true;
    }

    // odp_flow_key_to_flow()/_to_mask() of a key's ct_tuple4/ct_tuple6: the original tuple's member in slot s,
    // with its mask ({0, 0} without a tuple, or for the other family's addresses)
    private static long[] ctOrig(Slot s, Conntrack.Key t, Conntrack.Key m) {
        if (t == null || m == null) {
            return new long[] {0, 0};
        }
        boolean v6 = t.v6();
        return switch (s) {
            case CT_NW_PROTO -> new long[] {t.proto(), m.proto()};
            case CT_TP_SRC -> new long[] {t.sport(), m.sport()};
            case CT_TP_DST -> new long[] {t.dport(), m.dport()};
            case CT_NW_SRC -> v6 ? new long[] {0, 0} : new long[] {t.src(), m.src()};
            case CT_NW_DST -> v6 ? new long[] {0, 0} : new long[] {t.dst(), m.dst()};
            case CT_IPV6_SRC_HI -> v6 ? new long[] {t.srcHi(), m.srcHi()} : new long[] {0, 0};
            case CT_IPV6_SRC_LO -> v6 ? new long[] {t.src(), m.src()} : new long[] {0, 0};
            case CT_IPV6_DST_HI -> v6 ? new long[] {t.dstHi(), m.dstHi()} : new long[] {0, 0};
            case CT_IPV6_DST_LO -> v6 ? new long[] {t.dst(), m.dst()} : new long[] {0, 0};
            default -> new long[] {0, 0};
        };
    }

    /**
     * The same, of the flows whose key meets {@code filter} (dpctl/dump-flows filter=, {@link #meets}), or all with
     * null.
     */
    static String dumpFlows(Datapath dp, Ofproto only, long now, boolean verbose, boolean names, Match filter) {
        dp.udpif.revalidate(now); // a round if one is due (a view is none in OVS)
        java.util.Map<Integer, String> portNames = dp.portNames(names);
        StringBuilder s = new StringBuilder();
        for (Megaflow m : dp.flows()) {
            if (only != null && m.br != only || filter != null && !meets(m, filter)) {
                continue;
            }
            if (only == null && s.isEmpty()) {
                s.append("flow-dump from the main thread:\n"); // dpctl_dump_flows(): before the main thread's first
            }
            if (verbose) {
                // dpif/dump-flows -m (ofproto_unixctl_dpif_dump_flows()): "ufid:.. " and no dp or dp-extra-info
                long[] value = m.value();
                s.append(OdpFlowFormat.ufid(value, m.mask)).append(only == null ? ", " : " ")
                        .append(OdpFlowFormat.format(m.br, value, m.mask, m.ctTuple, m.ctMask, portNames, true));
            } else {
                s.append(OdpFlowFormat.format(m.br, m.value(), m.mask, m.ctTuple, m.ctMask, portNames, false));
            }
            s.append(", packets:").append(m.packets).append(", bytes:").append(m.bytes)
                    .append(", used:").append(m.used < 0 ? "never" : used(now - m.used));
            if (m.tcpFlags != 0) {
                s.append(", flags:").append(OdpFlowFormat.tcpFlags(m.tcpFlags));
            }
            boolean dpctl = verbose && only == null;
            s.append(dpctl ? ", dp:ovs" : "").append(", actions:").append(OdpFlowFormat.actions(m.actions, portNames));
            s.append(dpctl ? ", dp-extra-info:" + OdpFlowFormat.miniflowBits(m.value(), m.mask, m.ctMask) : "").append('\n');
        }
        return s.toString();
    }

    /** dpctl/show [-s] for the dummy datapath: every bridge's ports by datapath number (dpif_show()). */
    static String show(Datapath dp, boolean stats, long now) {
        dp.udpif.revalidate(now); // a round if one is due (a view is none in OVS)
        StringBuilder s = new StringBuilder("dummy@ovs-dummy:\n");
        s.append("  lookups: hit:").append(dp.hit).append(" missed:").append(dp.missed).append(" lost:").append(dp.lost)
                .append('\n');
        s.append("  flows: ").append(dp.flows().size()).append('\n');
        s.append("  port 0: ovs-dummy (dummy-internal)\n");
        if (stats) {
            portStats(s, 0, 0, 0, 0, false);
        }
        for (Ofproto.Port p : dp.portsByNumber()) {
            s.append("  port ").append(p.dpPort).append(": ");
            if (p.isTunnel()) {
                s.append(p.dpifName()).append(" (").append(p.type).append(": packet_type=ptap)");
            } else {
                s.append(p.name);
                if (!p.isLinux()) { // dpif_show(): a port's type but "system"
                    s.append(" (").append(p.netdevType()).append(')');
                }
            }
            s.append('\n');
            if (stats) {
                portStats(s, p.rxPackets, p.txPackets, p.rxBytes, p.txBytes, p.isLinux());
            }
        }
        return s.toString();
    }

    // show_dpif()'s statistics of a port, '?' for what a dummy netdev does not count (netdev-linux counts them all)
    /** show_dpif()'s statistics of a port that counted nothing, as a dummy netdev shows them. */
    static String idlePortStats() {
        StringBuilder s = new StringBuilder();
        portStats(s, 0, 0, 0, 0, false);
        return s.toString();
    }

    private static void portStats(StringBuilder s, long rxp, long txp, long rxb, long txb, boolean counted) {
        String c = counted ? "0" : "?";
        s.append("    RX packets:").append(rxp)
                .append(" errors:" + c + " dropped:" + c + " overruns:" + c + " frame:" + c + "\n");
        s.append("    TX packets:").append(txp)
                .append(" errors:" + c + " dropped:" + c + " aborted:" + c + " carrier:" + c + "\n");
        s.append("    collisions:" + c + "\n");
        s.append("    RX bytes:").append(rxb).append(human(rxb)).append("  TX bytes:").append(txb).append(human(txb))
                .append('\n');
    }

    // print_human_size()
    private static String human(long v) {
        double k = 1024;
        if (v >= k * k * k * k) {
            return " (" + CLib.fixed(v / (k * k * k * k), 1) + " TiB)";
        } else if (v >= k * k * k) {
            return " (" + CLib.fixed(v / (k * k * k), 1) + " GiB)";
        } else if (v >= k * k) {
            return " (" + CLib.fixed(v / (k * k), 1) + " MiB)";
        } else if (v >= k) {
            return " (" + CLib.fixed(v / k, 1) + " KiB)";
        }
        return "";
    }

    /**
     * dpif/show (dpif_show_backer()): the datapath's hits and misses, then each bridge's ports by name; nothing once
     * the last bridge is gone (its backer closed).
     */
    static String dpifShow(Datapath dp, long now) {
        dp.udpif.revalidate(now); // a round if one is due (a view is none in OVS)
        if (dp.bridges().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("dummy@ovs-dummy: hit:" + dp.hit + " missed:" + dp.missed + "\n");
        for (Ofproto br : dp.bridges()) {
            s.append("  ").append(br.name).append(":\n");
            List<Ofproto.Port> ps = br.ports();
            ps.sort(java.util.Comparator.comparing(p -> p.name));
            for (Ofproto.Port p : ps) {
                s.append("    ").append(p.name).append(' ').append(p.ofport).append('/')
                        .append(p.dpPort < 0 ? "none" : Integer.toString(p.dpPort)).append(": ");
                if (p.isPatch()) { // dpif_show_backer(): a patch port's netdev config
                    s.append("(patch: ").append(p.options.containsKey("peer") ? "peer=" + p.options.get("peer") : "")
                            .append(')');
                } else if (p.isTunnel()) { // get_tunnel_config()
                    s.append('(').append(p.type).append(": ");
                    s.append(String.join(", ", p.tunnelType.config(p.options).entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).toList()));
                    s.append(')');
                } else {
                    s.append('(').append(p.netdevType()).append(')');
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    // dpif_flow_stats_format(): the seconds since the flow's last packet, "%.3fs" of whole milliseconds
    private static String used(long nanos) {
        long ms = nanos / 1_000_000;
        return String.format("%d.%03ds", ms / 1000, ms % 1000);
    }
}
