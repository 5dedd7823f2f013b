package io.arplab.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One packet through a bridge's tables (ofproto/ofproto-dpif-xlate.c xlate_actions), with what ofproto/trace
 * prints (ofproto-dpif-trace.c), the datapath actions it commits, and the megaflow wildcards its lookups imply
 * ({@link Classifier}: staged lookup, prefix tries on nw_src/nw_dst, the ports trie).
 */
final class Xlate {
    private static final int MAX_DEPTH = 64;

    private final Ofproto br;
    private final long now;
    private final boolean execute;
    final StringBuilder trace;
    private final List<Integer> ctNext;
    private int ctNextUsed;
    private final byte[] packet;
    final List<Ofproto.Output> outputs = new ArrayList<>();

    private long[] flow;
    private long[] initial;
    private long[] base;
    private long[] wc;
    private final StringBuilder odp = new StringBuilder();
    private boolean slow;
    private boolean tunnelNoteDone;
    /** The set(tunnel(...)) last committed for the packet (commit_odp_tunnel_action() compares with it). */
    private String committedTunnel;
    /**
     * The tunnel key the datapath has for the packet (tun_id, tun_src, tun_dst, tun_flags): the one it arrived
     * with or the last set(tunnel) executed. A recirculation restores the flow's tunnel metadata from the frozen
     * state, but the datapath key (and ctx->orig_tunnel_ipv6_dst) keep the packet's.
     */
    private final long[] packetTunnel;
    private static final Slot[] TUNNEL = {Slot.TUN_ID, Slot.TUN_SRC, Slot.TUN_DST, Slot.TUN_FLAGS, Slot.TUN_TOS};
    private int depth;
    private final List<Frozen> pending = new ArrayList<>();
    /** Traceflow's observer of what a trace decides, or null. */
    TraceflowHop hop;

    /** A recirculation: the flow after ct(), resumed at {@code table}. */
    private record Frozen(int id, int table, long[] flow, String state) {}

    Xlate(Ofproto br, long now, long[] flow, byte[] packet, StringBuilder trace, List<Integer> ctNext,
            boolean execute) {
        this.br = br;
        this.now = now;
        this.flow = flow.clone();
        this.packet = packet;
        this.trace = trace;
        this.ctNext = ctNext;
        this.execute = execute;
        this.packetTunnel = new long[TUNNEL.length];
        for (int i = 0; i < TUNNEL.length; i++) {
            packetTunnel[i] = flow[TUNNEL[i].ordinal()];
        }
    }

    void run() {
        section(0, 0);
        while (!pending.isEmpty()) {
            Frozen f = pending.remove(0);
            flow = f.flow();
            if (trace != null) {
                trace.append("\n").append("=".repeat(79)).append("\n").append(String.format("recirc(0x%x) - %s",
                        f.id(), f.state())).append("\n").append("=".repeat(79)).append("\n\n");
            }
            section(f.id(), f.table());
        }
    }

    private void section(int recircId, int table) {
        flow[Slot.RECIRC_ID.ordinal()] = recircId;
        initial = flow.clone();
        for (int i = 0; i < TUNNEL.length; i++) {
            initial[TUNNEL[i].ordinal()] = packetTunnel[i];
        }
        base = flow.clone();
        wc = new long[Slot.ALL.length];
        odp.setLength(0);
        slow = false;
        tunnelNoteDone = false;
        Tunnel.wildcards(initial, wc);
        wc[Slot.RECIRC_ID.ordinal()] = Slot.RECIRC_ID.max;
        wc[Slot.IN_PORT.ordinal()] = Slot.IN_PORT.max;
        wc[Slot.DL_TYPE.ordinal()] = Slot.DL_TYPE.max;
        if (flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IP) {
            wc[Slot.NW_FRAG.ordinal()] = 3;
        }
        if (trace != null) {
            trace.append("Flow: ").append(formatFlow(flow)).append("\n\n");
            String banner = "bridge(\"" + br.name + "\")";
            trace.append(banner).append('\n').append("-".repeat(banner.length())).append('\n');
            if (recircId != 0) {
                trace.append("    thaw\n        Resuming from table ").append(table).append('\n');
            }
        }
        table(table);
        if (hop != null) {
            hop.datapathActions(odp.isEmpty() ? "drop" : odp.toString());
        }
        if (execute) {
            String actions = slow ? "userspace(pid=0,slow_path(action))"
                    : odp.isEmpty() ? "drop" : odp.toString();
            br.datapath.pass(br, initial, megaflowMask(), actions, packet == null ? 0 : packet.length, now);
        }
        if (trace != null) {
            trace.append('\n');
            // tnl_port_send() writes flow->tunnel even when it then refuses to tunnel, so OVS no longer sees the
            // flow as unchanged
            boolean unchanged = Arrays.equals(flow, initial) && !tunnelNoteDone;
            trace.append("Final flow: ").append(unchanged ? "unchanged" : formatFlow(flow))
                    .append('\n');
            trace.append("Megaflow: ").append(megaflow()).append('\n');
            trace.append("Datapath actions: ").append(odp.isEmpty() ? "drop" : odp).append('\n');
            if (slow) {
                trace.append("This flow is handled by the userspace slow path because it:\n"
                        + "  - Uses action(s) not supported by datapath.\n");
            }
        }
    }

    private void line(String s) {
        if (trace != null) {
            trace.append("    ").append(s).append('\n');
        }
    }

    private void note(String s) {
        if (trace != null) {
            trace.append("     -> ").append(s).append('\n');
        }
    }

    private void problem(String s) {
        if (trace != null) {
            trace.append("     >> ").append(s).append('\n');
        }
    }

    private void table(int t) {
        if (++depth > MAX_DEPTH) {
            problem("over max translation depth " + MAX_DEPTH);
            depth--;
            return;
        }
        Rule r = lookup(t);
        if (r == null) {
            if (hop != null) {
                hop.table(t, null, "drop");
            }
            if (trace != null) {
                trace.append(String.format("%2d. No match.%n", t));
            }
            line("drop");
            depth--;
            return;
        }
        if (execute) {
            r.hit(now, packet == null ? 0 : packet.length);
        }
        if (hop != null) {
            hop.table(t, r, ActionFormat.format(r.actions, OfVersion.OF15, PortMap.NONE));
        }
        if (trace != null) {
            String m = MatchFormat.format(r.match, MatchFormat.DEFAULT_PRIORITY, PortMap.NONE);
            trace.append(String.format("%2d. ", t)).append(m).append(m.isEmpty() ? "" : ", ").append("priority ")
                    .append(r.priority);
            if (r.cookie != 0) {
                trace.append(", cookie 0x").append(Long.toHexString(r.cookie));
            }
            trace.append('\n');
        }
        actions(r.actions, true);
        depth--;
    }

    private void actions(List<Action> actions, boolean top) {
        if (actions.isEmpty() && top) {
            line("drop");
        }
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (trace != null) {
                StringBuilder s = new StringBuilder();
                ActionFormat.format(a, OfVersion.OF15, PortMap.NONE, s);
                line(s.toString());
            }
            if (a instanceof Action.Output o) {
                outputPort(o.port());
            } else if (a instanceof Action.OutputReg o) {
                long port = get(o.src());
                note("output port is " + port);
                outputPort(port);
            } else if (a instanceof Action.GotoTable g) {
                table(g.table());
            } else if (a instanceof Action.Resubmit r) {
                long saved = flow[Slot.IN_PORT.ordinal()];
                if (r.inPort() != Ports.IN_PORT) {
                    flow[Slot.IN_PORT.ordinal()] = r.inPort();
                }
                table(r.table() == 255 ? 0 : r.table());
                flow[Slot.IN_PORT.ordinal()] = saved;
            } else if (a instanceof Action.Move m) {
                long v = get(m.src());
                unwildcard(m.src().field(), m.src().mask());
                set(m.dst(), v);
                unwildcard(m.dst().field(), m.dst().mask());
                note(m.dst() + " is now " + subValue(m.dst()));
            } else if (a instanceof Action.SetField f) {
                setField(f.field(), f.value(), f.mask());
                unwildcard(f.field(), f.mask());
            } else if (a instanceof Action.DecTtl) {
                // compose_dec_ttl() reads the TTL and, in OVS 3.1, the protocol (refdata/geneve/ovs traces)
                unwildcard(Field.IP_TTL, 0xff);
                wc[Slot.NW_PROTO.ordinal()] = 0xff;
                long ttl = flow[Slot.NW_TTL.ordinal()];
                if (ttl <= 1) {
                    note("TTL exceeded");
                    return;
                }
                flow[Slot.NW_TTL.ordinal()] = ttl - 1;
            } else if (a instanceof Action.SetNwTtl t) {
                unwildcard(Field.IP_TTL, 0xff);
                flow[Slot.NW_TTL.ordinal()] = t.ttl();
            } else if (a instanceof Action.Ct c) {
                ct(c, i == actions.size() - 1);
            } else if (a instanceof Action.WriteMetadata w) {
                flow[Slot.METADATA.ordinal()] = (flow[Slot.METADATA.ordinal()] & ~w.mask()) | (w.value() & w.mask());
            } else if (a instanceof Action.ClearActions) {
                return;
            }
        }
    }

    private void ct(Action.Ct c, boolean last) {
        commit();
        int zone = c.zoneSrc() != null ? (int) get(c.zoneSrc()) : c.zoneImm();
        Long mark = null;
        for (Action e : c.exec()) {
            if (e instanceof Action.SetField sf && sf.field() == Field.CT_MARK) {
                mark = sf.value() & sf.mask();
            }
        }
        StringBuilder d = new StringBuilder("ct(");
        if (c.commit()) {
            d.append("commit,");
        }
        if (zone != 0) {
            d.append("zone=").append(zone).append(',');
        }
        if (mark != null) {
            d.append("mark=").append(MatchFormat.hex(mark)).append("/0xffffffff,");
        }
        if (c.nat() != null) {
            d.append(c.nat()).append(',');
        }
        if (d.charAt(d.length() - 1) == ',') {
            d.setLength(d.length() - 1);
        }
        odpAdd(d.append(')').toString());
        if (c.table() >= 0) {
            int id = br.recircId(c.table() + "|" + d + "|" + frozenMetadata());
            odpAdd(String.format("recirc(0x%x)", id));
            long[] f = flow.clone();
            String state;
            if (execute) {
                br.ct.execute(f, zone, c.commit(), mark);
                state = "resume conntrack with ct_state=" + MatchFormat.flags(f[Slot.CT_STATE.ordinal()],
                        MatchFormat.CT_STATE_NAMES, '|');
            } else if (ctNextUsed < ctNext.size()) {
                f[Slot.CT_STATE.ordinal()] = ctNext.get(ctNextUsed++);
                state = "resume conntrack with ct_state=" + MatchFormat.flags(f[Slot.CT_STATE.ordinal()],
                        MatchFormat.CT_STATE_NAMES, '|');
            } else {
                f[Slot.CT_STATE.ordinal()] = Conntrack.NEW | Conntrack.TRK;
                state = "resume conntrack with default ct_state=trk|new (use --ct-next to customize)";
            }
            f[Slot.CT_ZONE.ordinal()] = zone;
            if (mark != null && !execute) {
                f[Slot.CT_MARK.ordinal()] = mark;
            }
            pending.add(new Frozen(id, c.table(), f, state));
            if (hop != null) {
                hop.conntrack(zone, c.commit(), f[Slot.CT_STATE.ordinal()]);
            }
            if (last) {
                line("drop");
            }
            note("A clone of the packet is forked to recirculate. The forked pipeline will be resumed at table "
                    + c.table() + ".");
        } else if (execute) {
            br.ct.execute(flow.clone(), zone, c.commit(), mark);
        }
        note("Sets the packet to an untracked state, and clears all the conntrack fields.");
        flow[Slot.CT_STATE.ordinal()] = 0;
        flow[Slot.CT_ZONE.ordinal()] = 0;
        flow[Slot.CT_MARK.ordinal()] = 0;
        flow[Slot.CT_LABEL_HI.ordinal()] = 0;
        flow[Slot.CT_LABEL_LO.ordinal()] = 0;
        base = flow.clone();
    }

    // what a recirculation freezes besides the packet (struct frozen_state): the metadata the pipeline carries
    private String frozenMetadata() {
        StringBuilder s = new StringBuilder().append(flow[Slot.IN_PORT.ordinal()]).append(',')
                .append(flow[Slot.METADATA.ordinal()]);
        for (int i = 0; i < 16; i++) {
            s.append(',').append(flow[Slot.reg(i).ordinal()]);
        }
        return s.toString();
    }

    private void outputPort(long port) {
        long in = flow[Slot.IN_PORT.ordinal()];
        if (port == Ports.IN_PORT) {
            output(in);
        } else if (port == Ports.NORMAL) {
            normal();
        } else if (port == Ports.FLOOD || port == Ports.ALL) {
            flood(in);
        } else if (port == Ports.CONTROLLER) {
            slow = true;
        } else if (port == in) {
            problem("skipping output to input port");
        } else {
            output(port);
        }
    }

    private void output(long port) {
        Ofproto.Port p = br.port(port);
        if (p == null) {
            problem("Nonexistent output port");
            return;
        }
        io.arplab.wire.Geneve.Metadata tunnel = null;
        if (p.isTunnel()) {
            // compose_output_action__(): tnl_port_send(), then the kernel tunnel's set(tunnel(...)) first
            tunnel = Tunnel.send(p, flow);
            if (flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IP) {
                // tnl_port_send(): the outer tos takes the inner ECN (CE as ECT(0)), so the ECN bits are matched
                wc[Slot.NW_TOS.ordinal()] |= 0x3;
                int ecn = (int) flow[Slot.NW_TOS.ordinal()] & 3;
                tunnel = new io.arplab.wire.Geneve.Metadata(tunnel.tunId(), tunnel.src(), tunnel.dst(),
                        tunnel.tos() | (ecn == 3 ? 2 : ecn), tunnel.ttl(), tunnel.tpSrc(), tunnel.tpDst(),
                        tunnel.flags());
            }
            if (tunnel.dst() == 0 || (tunnel.dst() & 0xffffffffL) == initial[Slot.TUN_DST.ordinal()]) {
                if (!tunnelNoteDone) {
                    problem("Not tunneling to our own address");
                    tunnelNoteDone = true;
                }
                return;
            }
            note("output to kernel tunnel");
            String set = Tunnel.setTunnel(tunnel);
            if (!set.equals(committedTunnel)) {
                odpAdd(set);
                committedTunnel = set;
                packetTunnel[0] = tunnel.tunId();
                packetTunnel[1] = tunnel.src() & 0xffffffffL;
                packetTunnel[2] = tunnel.dst() & 0xffffffffL;
                packetTunnel[3] = tunnel.flags();
                packetTunnel[4] = tunnel.tos();
            }
        }
        commit();
        odpAdd(Integer.toString(p.dpPort));
        if ((execute || hop != null) && packet != null) {
            byte[] frame = Packet.rewrite(packet, flow);
            outputs.add(new Ofproto.Output(port, tunnel == null ? frame : tunnel.prefix(frame)));
        }
    }

    // xlate_normal(): learn the source, forward to the learned port or flood
    private void normal() {
        long src = flow[Slot.DL_SRC.ordinal()], dst = flow[Slot.DL_DST.ordinal()];
        long in = flow[Slot.IN_PORT.ordinal()];
        wc[Slot.DL_SRC.ordinal()] = Slot.DL_SRC.max;
        wc[Slot.DL_DST.ordinal()] = Slot.DL_DST.max;
        int vlan = (int) (flow[Slot.VLAN_TCI.ordinal()] & Match.VLAN_VID);
        if (flow[Slot.DL_TYPE.ordinal()] == Match.ETH_ARP && dst == 0xffff_ffff_ffffL) {
            // is_gratuitous_arp() looks at the op and both addresses
            wc[Slot.NW_PROTO.ordinal()] = 0xff;
            wc[Slot.NW_SRC.ordinal()] = 0xffffffffL;
            wc[Slot.NW_DST.ordinal()] = 0xffffffffL;
        }
        if (execute && (src & 0x0100_0000_0000L) == 0) {
            br.ml.learn(src, vlan, in, now);
        }
        MacLearning.Entry e = (dst & 0x0100_0000_0000L) == 0 ? br.ml.lookup(dst, vlan, now) : null;
        if (e == null) {
            note("no learned MAC for destination, flooding");
            flood(in);
        } else if (e.port == in) {
            note("learned port is input port, dropping");
        } else {
            note("forwarding to learned port");
            output(e.port);
        }
    }

    private void flood(long in) {
        List<Ofproto.Port> ports = br.ports();
        ports.sort(Comparator.comparingInt(p -> p.dpPort));
        for (Ofproto.Port p : ports) {
            if (p.ofport != in) {
                output(p.ofport);
            }
        }
    }

    private void odpAdd(String action) {
        if (!odp.isEmpty()) {
            odp.append(',');
        }
        odp.append(action);
    }

    // commit_odp_actions(): the set() actions that bring the packet from base to flow
    private void commit() {
        if (Arrays.equals(flow, base)) {
            return;
        }
        List<String> eth = new ArrayList<>();
        if (flow[Slot.DL_SRC.ordinal()] != base[Slot.DL_SRC.ordinal()]) {
            eth.add("src=" + MatchFormat.mac(flow[Slot.DL_SRC.ordinal()]));
        }
        if (flow[Slot.DL_DST.ordinal()] != base[Slot.DL_DST.ordinal()]) {
            eth.add("dst=" + MatchFormat.mac(flow[Slot.DL_DST.ordinal()]));
        }
        if (!eth.isEmpty()) {
            odpAdd("set(eth(" + String.join(",", eth) + "))");
        }
        int type = (int) flow[Slot.DL_TYPE.ordinal()];
        if (type == Match.ETH_ARP || type == Match.ETH_RARP) {
            Slot[] arp = {Slot.NW_SRC, Slot.NW_DST, Slot.NW_PROTO, Slot.ARP_SHA, Slot.ARP_THA};
            boolean changed = false;
            for (Slot s : arp) {
                changed |= flow[s.ordinal()] != base[s.ordinal()];
            }
            if (changed) {
                odpAdd("set(arp(sip=" + MatchFormat.ip(flow[Slot.NW_SRC.ordinal()]) + ",tip="
                        + MatchFormat.ip(flow[Slot.NW_DST.ordinal()]) + ",op=" + flow[Slot.NW_PROTO.ordinal()]
                        + ",sha=" + MatchFormat.mac(flow[Slot.ARP_SHA.ordinal()]) + ",tha="
                        + MatchFormat.mac(flow[Slot.ARP_THA.ordinal()]) + "))");
                slow = true; // the datapath cannot rewrite ARP: the userspace slow path does it
            }
        } else if (type == Match.ETH_IP) {
            List<String> ip = new ArrayList<>();
            if (flow[Slot.NW_SRC.ordinal()] != base[Slot.NW_SRC.ordinal()]) {
                ip.add("src=" + MatchFormat.ip(flow[Slot.NW_SRC.ordinal()]));
            }
            if (flow[Slot.NW_DST.ordinal()] != base[Slot.NW_DST.ordinal()]) {
                ip.add("dst=" + MatchFormat.ip(flow[Slot.NW_DST.ordinal()]));
            }
            if (flow[Slot.NW_TOS.ordinal()] != base[Slot.NW_TOS.ordinal()]) {
                ip.add("tos=" + MatchFormat.hex(flow[Slot.NW_TOS.ordinal()]));
            }
            if (flow[Slot.NW_TTL.ordinal()] != base[Slot.NW_TTL.ordinal()]) {
                ip.add("ttl=" + flow[Slot.NW_TTL.ordinal()]);
            }
            if (!ip.isEmpty()) {
                odpAdd("set(ipv4(" + String.join(",", ip) + "))");
            }
            int proto = (int) flow[Slot.NW_PROTO.ordinal()];
            List<String> tp = new ArrayList<>();
            if (flow[Slot.TP_SRC.ordinal()] != base[Slot.TP_SRC.ordinal()]) {
                tp.add("src=" + flow[Slot.TP_SRC.ordinal()]);
            }
            if (flow[Slot.TP_DST.ordinal()] != base[Slot.TP_DST.ordinal()]) {
                tp.add("dst=" + flow[Slot.TP_DST.ordinal()]);
            }
            if (!tp.isEmpty() && (proto == Match.PROTO_TCP || proto == Match.PROTO_UDP)) {
                odpAdd("set(" + (proto == Match.PROTO_TCP ? "tcp" : "udp") + "(" + String.join(",", tp) + "))");
            }
        }
        System.arraycopy(flow, 0, base, 0, flow.length);
    }

    private long get(Subfield sf) {
        Field f = sf.field();
        long v = (flow[f.slot.ordinal()] >>> f.shift) & f.fullMask();
        return (v & sf.mask()) >>> sf.ofs();
    }

    private void set(Subfield sf, long v) {
        setField(sf.field(), v << sf.ofs(), sf.mask());
    }

    private void setField(Field f, long v, long mask) {
        int i = f.slot.ordinal();
        long m = (mask & f.fullMask()) << f.shift;
        if (f == Field.IP_DSCP_SHIFTED) {
            m = (mask << 2) & 0xfc;
            v <<= 2;
        } else {
            v <<= f.shift;
        }
        flow[i] = (flow[i] & ~m) | (v & m);
    }

    private String subValue(Subfield sf) {
        long v = get(sf);
        if (sf.ofs() == 0 && sf.nBits() == sf.field().nBits) {
            return MatchFormat.formatValue(sf.field(), v, -1L, br.portMap());
        }
        return MatchFormat.hex(v);
    }

    private void unwildcard(Field f, long mask) {
        wc[f.slot.ordinal()] |= ((mask & f.fullMask()) << f.shift) & f.slot.max;
    }

    // the classifier with megaflow wildcards: lib/classifier.c find_match_wc() through classifier_lookup()
    private Rule lookup(int t) {
        return br.tables.table(t).lookup(flow, wc);
    }

    /** The wildcards as the datapath sees them: registers and metadata are not part of its key. */
    private long[] megaflowMask() {
        long[] mask = wc.clone();
        boolean tunnel = initial[Slot.TUN_DST.ordinal()] != 0;
        for (int i = 0; i < mask.length; i++) {
            if (!IN_DATAPATH[i] || !tunnel && TUNNEL_KEY[i]) {
                mask[i] = 0; // a packet without a tunnel has no tunnel key to match
            }
        }
        return mask;
    }

    private static final boolean[] IN_DATAPATH = new boolean[Slot.ALL.length];
    private static final boolean[] TUNNEL_KEY = new boolean[Slot.ALL.length];

    static {
        for (Slot s : Slot.ALL) {
            IN_DATAPATH[s.ordinal()] = !s.name().startsWith("REG") && s != Slot.METADATA;
            TUNNEL_KEY[s.ordinal()] = s.name().startsWith("TUN_");
        }
    }

    private String megaflow() {
        Match m = new Match();
        long[] mask = megaflowMask();
        for (Slot s : Slot.ALL) {
            m.putSlot(s, initial[s.ordinal()], mask[s.ordinal()]);
        }
        return MatchFormat.format(m, MatchFormat.DEFAULT_PRIORITY, PortMap.NONE, true);
    }

    // flow_format(): every field the packet has, metadata only when set
    String formatFlow(long[] f) {
        Match m = new Match();
        for (Slot s : new Slot[] {Slot.RECIRC_ID, Slot.CT_STATE, Slot.CT_ZONE, Slot.CT_MARK, Slot.METADATA,
            Slot.PKT_MARK}) {
            if (f[s.ordinal()] != 0) {
                m.putSlot(s, f[s.ordinal()], s.max);
            }
        }
        for (int i = 0; i < 16; i++) {
            Slot s = Slot.reg(i);
            if (f[s.ordinal()] != 0) {
                m.putSlot(s, f[s.ordinal()], s.max);
            }
        }
        for (Slot s : new Slot[] {Slot.IN_PORT, Slot.DL_SRC, Slot.DL_DST, Slot.DL_TYPE}) {
            m.putSlot(s, f[s.ordinal()], s.max);
        }
        m.putSlot(Slot.VLAN_TCI, f[Slot.VLAN_TCI.ordinal()], 0xffff);
        int type = (int) f[Slot.DL_TYPE.ordinal()];
        if (type == Match.ETH_IP) {
            for (Slot s : new Slot[] {Slot.NW_SRC, Slot.NW_DST, Slot.NW_PROTO, Slot.NW_TOS, Slot.NW_TTL,
                Slot.NW_FRAG}) {
                m.putSlot(s, f[s.ordinal()], s.max);
            }
            int proto = (int) f[Slot.NW_PROTO.ordinal()];
            if (proto == Match.PROTO_TCP || proto == Match.PROTO_UDP || proto == Match.PROTO_SCTP
                    || proto == Match.PROTO_ICMP) {
                m.putSlot(Slot.TP_SRC, f[Slot.TP_SRC.ordinal()], 0xffff);
                m.putSlot(Slot.TP_DST, f[Slot.TP_DST.ordinal()], 0xffff);
            }
            if (proto == Match.PROTO_TCP) {
                m.putSlot(Slot.TCP_FLAGS, f[Slot.TCP_FLAGS.ordinal()], 0xfff);
            }
        } else if (type == Match.ETH_ARP || type == Match.ETH_RARP) {
            for (Slot s : new Slot[] {Slot.NW_SRC, Slot.NW_DST, Slot.NW_PROTO, Slot.ARP_SHA, Slot.ARP_THA}) {
                m.putSlot(s, f[s.ordinal()], s.max);
            }
        }
        String text = MatchFormat.format(m, MatchFormat.DEFAULT_PRIORITY, PortMap.NONE, f[Slot.RECIRC_ID.ordinal()] != 0);
        String tunnel = Tunnel.flowFormat(f);
        int comma = text.indexOf(",in_port=");
        int at = text.startsWith("in_port=") ? 0 : comma < 0 ? -1 : comma + 1;
        return tunnel.isEmpty() || at < 0 ? text : text.substring(0, at) + tunnel + text.substring(at);
    }
}
