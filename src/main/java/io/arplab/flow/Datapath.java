package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * The datapath's megaflow cache, as the userspace datapath keeps it (lib/dpif-netdev.c): each pass of a packet
 * (every recirculation too) is one lookup; a miss takes the slow path and installs the megaflow it computed, whose
 * counters then count the later hits only.
 */
public final class Datapath {
    /** An installed megaflow: the key and mask of a section's initial flow. */
    public static final class Megaflow {
        final long[] value;
        final long[] mask;
        public final String actions;
        public long packets, bytes, used = -1, tcpFlags;

        Megaflow(long[] value, long[] mask, String actions) {
            this.value = value;
            this.mask = mask;
            this.actions = actions;
        }
    }

    private final List<Megaflow> flows = new ArrayList<>();
    public long hit, missed, lost;

    /** One lookup of a packet with this flow; on a miss the megaflow (mask, actions) is installed. */
    void pass(long[] flow, long[] mask, String actions, int len, long now) {
        for (Megaflow m : flows) {
            boolean match = true;
            for (int i = 0; i < flow.length && match; i++) {
                match = ((flow[i] ^ m.value[i]) & m.mask[i]) == 0;
            }
            if (match) {
                hit++;
                m.packets++;
                m.bytes += len;
                m.used = now;
                if (flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IP && flow[Slot.NW_PROTO.ordinal()] == Match.PROTO_TCP) {
                    m.tcpFlags |= flow[Slot.TCP_FLAGS.ordinal()];
                }
                return;
            }
        }
        missed++;
        // the key keeps the first packet's values; dpctl prints them with the mask
        flows.add(new Megaflow(flow.clone(), mask.clone(), actions));
    }

    public List<Megaflow> flows() {
        return flows;
    }

    public void flush() {
        flows.clear();
    }

    /** dpctl/dump-flows: one line per megaflow, in installation order (OVS's is hash order). */
    public String dumpFlows(Ofproto br, long now) {
        StringBuilder s = new StringBuilder("flow-dump from the main thread:\n");
        for (Megaflow m : flows) {
            s.append(key(br, m)).append(", packets:").append(m.packets).append(", bytes:").append(m.bytes)
                    .append(", used:").append(m.used < 0 ? "never" : FlowStatsFormat.duration(now - m.used));
            if (m.tcpFlags != 0) {
                s.append(", flags:").append(tcpFlags(m.tcpFlags));
            }
            s.append(", actions:").append(m.actions).append('\n');
        }
        return s.toString();
    }

    // packet_format_tcp_flags()
    private static String tcpFlags(long f) {
        StringBuilder s = new StringBuilder();
        char[] c = {'S', 'F', 'P', 'R', 'U', '.', 'E', 'C', 'N'};
        int[] bit = {0x002, 0x001, 0x008, 0x004, 0x020, 0x010, 0x040, 0x080, 0x100};
        for (int i = 0; i < c.length; i++) {
            if ((f & bit[i]) != 0) {
                s.append(c[i]);
            }
        }
        return s.toString();
    }

    // odp_flow_format() for the keys a megaflow of the userspace datapath has, fully wildcarded ones left out
    private static String key(Ofproto br, Megaflow m) {
        long[] v = m.value, k = m.mask;
        StringBuilder s = new StringBuilder();
        int st = Slot.CT_STATE.ordinal();
        if (k[st] != 0) {
            s.append("ct_state(").append(MatchFormat.flagsMasked(v[st], k[st], MatchFormat.CT_STATE_NAMES))
                    .append("),");
        }
        if (k[Slot.CT_ZONE.ordinal()] != 0) {
            s.append("ct_zone(").append(MatchFormat.hex(v[Slot.CT_ZONE.ordinal()])).append("),");
        }
        if (k[Slot.CT_MARK.ordinal()] != 0) {
            s.append("ct_mark(").append(masked(v, k, Slot.CT_MARK)).append("),");
        }
        s.append("recirc_id(").append(MatchFormat.hex(v[Slot.RECIRC_ID.ordinal()])).append("),");
        Ofproto.Port in = br.port(v[Slot.IN_PORT.ordinal()]);
        s.append("in_port(").append(in == null ? v[Slot.IN_PORT.ordinal()] : in.dpPort).append("),");
        s.append("packet_type(ns=0,id=0),");
        java.util.List<String> eth = new java.util.ArrayList<>();
        for (Slot e : new Slot[] {Slot.DL_SRC, Slot.DL_DST}) {
            if (k[e.ordinal()] != 0) {
                eth.add((e == Slot.DL_SRC ? "src=" : "dst=") + MatchFormat.mac(v[e.ordinal()])
                        + (k[e.ordinal()] == e.max ? "" : "/" + MatchFormat.mac(k[e.ordinal()])));
            }
        }
        if (!eth.isEmpty()) {
            s.append("eth(").append(String.join(",", eth)).append("),");
        }
        int type = (int) v[Slot.DL_TYPE.ordinal()];
        s.append(String.format("eth_type(0x%04x)", type));
        java.util.List<String> l3 = new java.util.ArrayList<>();
        if (type == Match.ETH_IP) {
            addIp(l3, "src", v, k, Slot.NW_SRC);
            addIp(l3, "dst", v, k, Slot.NW_DST);
            if (k[Slot.NW_PROTO.ordinal()] != 0) {
                l3.add("proto=" + v[Slot.NW_PROTO.ordinal()]);
            }
            if (k[Slot.NW_TOS.ordinal()] != 0) {
                l3.add("tos=" + masked(v, k, Slot.NW_TOS));
            }
            if (k[Slot.NW_TTL.ordinal()] != 0) {
                l3.add("ttl=" + v[Slot.NW_TTL.ordinal()]);
            }
            long frag = v[Slot.NW_FRAG.ordinal()];
            l3.add("frag=" + (frag == 0 ? "no" : frag == 1 ? "first" : "later"));
            s.append(",ipv4(").append(String.join(",", l3)).append(')');
            java.util.List<String> l4 = new java.util.ArrayList<>();
            for (Slot p : new Slot[] {Slot.TP_SRC, Slot.TP_DST}) {
                if (k[p.ordinal()] != 0) {
                    l4.add((p == Slot.TP_SRC ? "src=" : "dst=") + (k[p.ordinal()] == 0xffff ? v[p.ordinal()]
                            : v[p.ordinal()] + "/" + MatchFormat.hex(k[p.ordinal()])));
                }
            }
            int proto = (int) v[Slot.NW_PROTO.ordinal()];
            if (!l4.isEmpty()) {
                s.append(',').append(proto == Match.PROTO_TCP ? "tcp" : proto == Match.PROTO_UDP ? "udp" : "icmp")
                        .append('(').append(String.join(",", l4)).append(')');
            }
        } else if (type == Match.ETH_ARP) {
            addIp(l3, "sip", v, k, Slot.NW_SRC);
            addIp(l3, "tip", v, k, Slot.NW_DST);
            if (k[Slot.NW_PROTO.ordinal()] != 0) {
                l3.add("op=" + v[Slot.NW_PROTO.ordinal()]);
            }
            for (Slot e : new Slot[] {Slot.ARP_SHA, Slot.ARP_THA}) {
                if (k[e.ordinal()] != 0) {
                    l3.add((e == Slot.ARP_SHA ? "sha=" : "tha=") + MatchFormat.mac(v[e.ordinal()]));
                }
            }
            if (!l3.isEmpty()) {
                s.append(",arp(").append(String.join(",", l3)).append(')');
            }
        }
        return s.toString();
    }

    private static void addIp(java.util.List<String> out, String name, long[] v, long[] k, Slot s) {
        if (k[s.ordinal()] != 0) {
            out.add(name + "=" + MatchFormat.ip(v[s.ordinal()])
                    + (k[s.ordinal()] == 0xffffffffL ? "" : "/" + MatchFormat.ip(k[s.ordinal()])));
        }
    }

    private static String masked(long[] v, long[] k, Slot s) {
        return k[s.ordinal()] == s.max ? MatchFormat.hex(v[s.ordinal()])
                : v[s.ordinal()] + "/" + MatchFormat.hex(k[s.ordinal()]);
    }

    /** dpctl/show for the dummy datapath, with the bridge's ports by datapath number. */
    public String show(Ofproto br) {
        StringBuilder s = new StringBuilder("dummy@ovs-dummy:\n");
        s.append("  lookups: hit:").append(hit).append(" missed:").append(missed).append(" lost:").append(lost)
                .append('\n');
        s.append("  flows: ").append(flows.size()).append('\n');
        s.append("  port 0: ovs-dummy (dummy-internal)\n");
        List<Ofproto.Port> ports = br.ports();
        ports.sort(java.util.Comparator.comparingInt(p -> p.dpPort));
        for (Ofproto.Port p : ports) {
            s.append("  port ").append(p.dpPort).append(": ");
            if (p.type.equals("geneve")) {
                s.append("genev_sys_6081 (geneve: packet_type=ptap)");
            } else {
                s.append(p.name).append(p.ofport == Ports.LOCAL || p.type.equals("internal") ? " (dummy-internal)"
                        : " (dummy)");
            }
            s.append('\n');
        }
        return s.toString();
    }
}
