package io.arplab.flow;

import io.arplab.wire.Ipv6Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Output in a translation (ofproto-dpif-xlate.c compose_output_action__(), xlate_output_action(),
 * flood_packets(), patch_port_output(), native_tunnel_output()): to a datapath port, through a patch port into its
 * peer's bridge within the same translation, or into a native tunnel's underlay.
 */
final class XlateOutput {
    private XlateOutput() {}

    static void outputPort(Xlate x, long port) {
        outputPort(x, port, 0);
    }

    // xlate_output_trunc_action(): trunc(max_len) before the output to a real port; none to the reserved ones
    static void outputTrunc(Xlate x, long port, long maxLen) {
        if (port == Ports.TABLE || port == Ports.NORMAL || port == Ports.FLOOD || port == Ports.ALL
                || port == Ports.CONTROLLER || port == Ports.NONE) {
            x.problem("output_trunc does not support port: " + Ports.format(port, PortMap.NONE));
        } else if (port == x.flow[Slot.IN_PORT.ordinal()]) {
            x.problem("skipping output to input port");
        } else if (x.br.port(port) == null || x.br.port(port).isPatch()) { // no xport, or odp_port ODPP_NONE
            x.error("output_trunc does not support patch port " + Ports.format(port, PortMap.NONE));
        } else {
            x.trunc((int) maxLen);
            x.truncating = true;
            try {
                output(x, port);
            } finally {
                x.truncating = false;
            }
            x.slow |= !x.br.datapath.supports(Datapath.Support.TRUNC); // SLOW_ACTION: the datapath cannot truncate
        }
    }

    static void outputPort(Xlate x, long port, int maxLen) {
        long in = x.flow[Slot.IN_PORT.ordinal()];
        if (port == Ports.IN_PORT) {
            output(x, in);
        } else if (port == Ports.NORMAL) {
            XlateNormal.normal(x);
        } else if (port == Ports.FLOOD || port == Ports.ALL) {
            flood(x, in, port == Ports.ALL);
        } else if (port == Ports.CONTROLLER) {
            // xlate_output_action(): OFPR_PACKET_OUT, OFPR_GROUP for a bucket's own action, OFPR_ACTION_SET, OFPR_ACTION
            XlateUserspace.controller(x, maxLen, x.inPacketOut ? 5 : x.groupBucketAction ? 4 : x.inActionSet ? 3 : 1, 0);
        } else if (port == Ports.NONE) {
            return; // xlate_output_action()'s OFPP_NONE: nothing, silently (a bundle without a live member)
        } else if (port == in) {
            x.problem("skipping output to input port");
        } else {
            output(x, port);
        }
    }

    static void output(Xlate x, long port) {
        Ofproto.Port p = x.br.port(port);
        if (!outputAllowed(x, p)) {
            return;
        }
        if (x.flow[Slot.PACKET_TYPE.ordinal()] != 0) { // compose_output_action__(): every arplab port is legacy L2
            x.problem("Trying to send non-Ethernet packet through legacy L2 port. Dropping packet.");
            return;
        }
        if (p.isPatch()) {
            Ofproto.Port peer = x.br.datapath.peer(p);
            if (peer != null) { // without a peer the port has no datapath port: nothing goes out
                patchOutput(x, p, x.br.datapath.bridgeOfPort(peer), peer);
            }
            return;
        }
        // compose_output_action__(): a port with QoS queues that set a DSCP (xport->skb_priorities) matches the
        // skb_priority, and a queue's DSCP is the packet's on that port (the flow's own tos back after the output)
        int tos = Slot.NW_TOS.ordinal();
        long flowTos = x.flow[tos];
        if (!p.skbPriorityDscp.isEmpty()) {
            x.wc[Slot.SKB_PRIORITY.ordinal()] = Slot.SKB_PRIORITY.max;
            Integer dscp = p.skbPriorityDscp.get(x.flow[Slot.SKB_PRIORITY.ordinal()]);
            if (dscp != null) {
                x.wc[tos] |= 0xfc;
                x.flow[tos] = (flowTos & ~0xfcL) | dscp;
            }
        }
        try {
            outputToNetdev(x, port, p);
        } finally {
            x.flow[tos] = flowTos;
        }
    }

    private static void outputToNetdev(Xlate x, long port, Ofproto.Port p) {
        io.arplab.wire.Geneve.Metadata tunnel = null;
        if (p.isTunnel()) {
            // compose_output_action__(): tnl_port_send(), then the kernel tunnel's set(tunnel(...)) first
            tunnel = Tunnel.send(p, x.flow);
            Long mark = TunnelType.egressPktMark(p.options);
            if (mark != null) { // tnl_port_send(): set_egress_pkt_mark, the packet's mark matched exactly
                x.flow[Slot.PKT_MARK.ordinal()] = mark;
                x.wc[Slot.PKT_MARK.ordinal()] = 0xffffffffL;
            }
            if (Packet.isIpAny(x.flow[Slot.DL_TYPE.ordinal()])) {
                // tnl_port_send(): the outer tos takes the inner ECN (CE as ECT(0)), so the ECN bits are matched;
                // with tos=inherit the inner DSCP too (an IPv6 packet's traffic class)
                boolean inherit = "inherit".equals(p.options.get("tos"));
                x.wc[Slot.NW_TOS.ordinal()] |= inherit ? 0xff : 0x3;
                if ("inherit".equals(p.options.get("ttl"))) {
                    x.wc[Slot.NW_TTL.ordinal()] = 0xff; // ttl=inherit: the inner TTL
                }
                int tos = (int) x.flow[Slot.NW_TOS.ordinal()];
                tunnel = tunnel.withTos((inherit ? tos & 0xfc : tunnel.tos()) | ((tos & 3) == 3 ? 2 : tos & 3));
            }
            if (ownAddress(x, tunnel)) {
                // compose_output_action__() leaves what tnl_port_send() wrote in flow->tunnel when it refuses
                x.flow[Slot.TUN_ID.ordinal()] = tunnel.tunId();
                x.flow[Slot.TUN_SRC.ordinal()] = tunnel.src() & 0xffffffffL;
                Tunnel.put6(x.flow, Slot.TUN_IPV6_SRC_HI, tunnel.src6());
                x.flow[Slot.TUN_TOS.ordinal()] = tunnel.tos();
                x.flow[Slot.TUN_TTL.ordinal()] = tunnel.ttl();
                x.flow[Slot.TUN_FLAGS.ordinal()] = tunnel.flags();
                if (!x.tunnelNoteDone) {
                    x.problem("Not tunneling to our own address");
                    x.tunnelNoteDone = true;
                }
                return;
            }
            if (x.br.datapath.nativeTunneling()) { // ovs_native_tunneling_is_on()
                // compose_output_action__(): the tunnel netdev's tx counts the packet (resubmit_stats, XC_NETDEV)
                // before the native tunnel's route is looked up
                x.xc.tunnelTx = Arrays.copyOf(x.xc.tunnelTx, x.xc.tunnelTx.length + 1);
                x.xc.tunnelTx[x.xc.tunnelTx.length - 1] = port;
                if (x.execute && x.packet != null) {
                    x.br.tunnelTx(port, x.packet.length + x.pushedHeaders);
                }
                x.note("output to native tunnel");
                x.committer.commit();
                nativeTunnelOutput(x, p, tunnel);
                XlateMirror.egress(x, p);
                return;
            }
            x.note("output to kernel tunnel");
            byte[] opts = p.tunnelType == TunnelType.GENEVE ? TunMetadata.toGeneve(x.br.tlv, x.flow) : new byte[0];
            String set = Tunnel.setTunnel(tunnel, opts);
            if (!set.equals(x.committedTunnel)) {
                x.odpAdd(set);
                x.committedTunnel = set;
                x.packetTunnel[0] = tunnel.tunId();
                x.packetTunnel[1] = tunnel.src() & 0xffffffffL;
                x.packetTunnel[2] = tunnel.dst() & 0xffffffffL;
                x.packetTunnel[3] = tunnel.flags();
                x.packetTunnel[4] = tunnel.tos();
                x.packetTunnel[5] = tunnel.ttl();
                long[] md = new long[Slot.ALL.length]; // the options as the kernel's key has them
                TunMetadata.received(md, opts, 0, opts.length);
                Tunnel.put6(md, Slot.TUN_IPV6_SRC_HI, tunnel.src6());
                Tunnel.put6(md, Slot.TUN_IPV6_DST_HI, tunnel.dst6());
                for (int i = 6; i < Xlate.TUNNEL.length; i++) {
                    x.packetTunnel[i] = md[Xlate.TUNNEL[i].ordinal()];
                }
                for (int i = 0; i < Xlate.TUNNEL.length; i++) {
                    x.xc.ops.add(new XlateCache.Op(XlateCache.SET, Xlate.TUNNEL[i].ordinal(), x.packetTunnel[i],
                            null, false, null));
                }
            }
        }
        x.committer.commit();
        int pop = tunnel == null ? terminate(x, p) : -1;
        if (pop >= 0) {
            x.odpAdd("tnl_pop(" + pop + ")"); // the datapath pops the header and recirculates the inner packet
            x.xc.replayable = false;
            if (x.packet != null) {
                x.pops.add(new Xlate.Pop(pop, x.rewritten()));
            }
            XlateMirror.egress(x, p);
            return;
        }
        if (x.mirrorSnaplen > 0 && x.mirrorSnaplen < 65535) {
            x.trunc(x.mirrorSnaplen); // compose_output_action__(): a mirror's snaplen
            x.slow |= !x.br.datapath.supports(Datapath.Support.TRUNC);
        }
        x.odpAdd(p.dpPort);
        x.xc.ops.add(new XlateCache.Op(XlateCache.OUTPUT, 0, port, tunnel, false, null));
        if ((x.execute || x.hop != null) && x.packet != null && !x.meterDropped) {
            // a kernel tunnel's vport sends the packet whole (its counters are XC_NETDEV's, the packet's size)
            byte[] frame = tunnel == null ? x.applyCutlen(x.rewritten()) : x.rewritten();
            x.cutlen = 0;
            Ofproto.Output o = new Ofproto.Output(port, tunnel == null ? frame : tunnel.prefix(frame));
            if (x.br == x.ingress) {
                x.outputs.add(o);
            } else if (x.execute) {
                x.br.send(List.of(o)); // a port of a bridge behind a patch port: that bridge sends it
            } // a traceflow hop's outputs are its own bridge's ports
        } else if (x.underlay != null) {
            x.underlay.add(new Ofproto.Output(port, x.applyCutlen(x.packet))); // a mirror's snaplen, after tnl_push
        }
        XlateMirror.egress(x, p);
    }

    // check_output_prerequisites(): the port exists, forwards (OFPPC_NO_FWD), and is not protected when the flow's
    // in_port is (xlate_flow_is_protected())
    private static boolean outputAllowed(Xlate x, Ofproto.Port p) {
        if (p == null) {
            x.problem("Nonexistent output port");
            return false;
        }
        if ((p.config & Ofproto.Port.NO_FWD) != 0) {
            x.note("OFPPC_NO_FWD set, skipping output");
            return false;
        }
        Ofproto.Port in = p.protectedPort ? x.br.port(x.flow[Slot.IN_PORT.ordinal()]) : null;
        if (in != null && in.protectedPort) {
            x.problem("Flow is between protected ports, skipping output.");
            return false;
        }
        return true;
    }

    // compose_output_action__(): flow_tnl_dst() of the key against ctx->orig_tunnel_ipv6_dst, the packet's own
    private static boolean ownAddress(Xlate x, io.arplab.wire.Geneve.Metadata t) {
        long origDst = x.initial[Slot.TUN_DST.ordinal()];
        if (t.dst() != 0 || origDst != 0) {
            return (t.dst() & 0xffffffffL) == origDst;
        }
        return t.dst6().equals(Tunnel.address6(x.initial, Slot.TUN_IPV6_DST_HI));
    }

    // FLOOD and ALL: flood_packets()' walk of the xports hmap, FLOOD's without the ports set OFPPC_NO_FLOOD. The
    // flood's last port is the last action when the flood is.
    private static void flood(Xlate x, long in, boolean all) {
        List<Ofproto.Port> ports = new ArrayList<>(x.br.portsInHashOrder());
        ports.removeIf(p -> p.ofport == in || !all && (p.config & Ofproto.Port.NO_FLOOD) != 0);
        boolean outerTail = x.tail;
        for (int i = 0; i < ports.size(); i++) {
            x.tail = outerTail && i == ports.size() - 1;
            output(x, ports.get(i).ofport);
        }
        x.tail = outerTail;
    }

    /**
     * native_tunnel_output(): the route to the tunnel's destination names the underlay bridge; without its next
     * hop's MAC an ARP request goes out there instead (tnl_send_arp_request()); with it, tnl_push with the header
     * template, and the encapsulated packet goes on through the underlay bridge as through a patch port, whose
     * wildcards the megaflow does not take.
     */
    private static void nativeTunnelOutput(Xlate x, Ofproto.Port tun, io.arplab.wire.Geneve.Metadata t) {
        OvsRouter router = x.br.datapath.router;
        boolean v6 = t.dst() == 0;
        long dst = t.dst() & 0xffffffffL;
        String bridge, nhName;
        long nh = 0;
        long sip = 0;
        Ipv6Address nh6 = null, sip6 = null;
        if (v6) {
            OvsRouter.Route6 r = router.lookup6(t.dst6(), x.flow[Slot.PKT_MARK.ordinal()]);
            bridge = r == null ? null : r.bridge();
            nh6 = r == null || r.gw().equals(Ipv6Address.ANY) ? t.dst6() : r.gw();
            sip6 = r == null ? null : r.src();
            nhName = nh6.toString();
        } else {
            OvsRouter.Route r = router.lookup(dst, x.flow[Slot.PKT_MARK.ordinal()], t.src() & 0xffffffffL);
            bridge = r == null ? null : r.bridge();
            nh = r == null || r.gw() == 0 ? dst : r.gw();
            sip = r == null ? 0 : t.src() != 0 ? t.src() & 0xffffffffL : r.src();
            nhName = MatchFormat.ip(nh);
        }
        Ofproto outBr = bridge == null ? null : x.br.datapath.routeBridge(bridge);
        if (outBr == null) {
            x.problem("native tunnel routing failed");
            return;
        }
        Ofproto.Port outDev = outBr.port(bridge) != null ? outBr.port(bridge) : outBr.port(Ports.LOCAL);
        x.note("tunneling to " + nhName + " via " + outDev.name);
        long smac = outDev.mac;
        Long dmac = v6 ? router.neighLookup(outBr.name, nhName, x.now) : router.neighLookup(outBr.name, nh, x.now);
        if (dmac == null) {
            x.note("neighbor cache miss for " + nhName + " on bridge " + outBr.name + ", sending "
                    + (v6 ? "ND" : "ARP") + " request");
            x.xc.neighbourMiss = true;
            if (v6) { // tnl_send_nd_request() from the bridge's address on the next hop's subnet, else the route's
                Ipv6Address own = router.sourceAddress6(outBr.name, nh6);
                outBr.packetOut(x.now, outDev.ofport, NativeTunnel.ndSolicit(smac, own != null ? own : sip6, nh6));
            } else {
                outBr.packetOut(x.now, outDev.ofport, NativeTunnel.arpRequest(smac, sip, nh));
            }
            return;
        }
        x.xc.replayable = false; // the replay has no tnl_push: native tunnel megaflows are translated per packet
        x.note("tunneling from " + MatchFormat.mac(smac) + " " + (v6 ? sip6.toString() : MatchFormat.ip(sip))
                + " to " + MatchFormat.mac(dmac) + " " + nhName);
        byte[] header = NativeTunnel.header(tun.tunnelType, dmac, smac, (int) sip, sip6, t,
                TunMetadata.toGeneve(x.br.tlv, x.flow), tun.tunnelType == TunnelType.GRE
                && "true".equals(tun.options.get("seq"))); // netdev_gre_build_header()'s tnl_cfg->set_seq
        int start = x.odp.length();
        x.odpAdd(NativeTunnel.format(tun.tunnelType, tun.dpPort, header, outDev.dpPort));
        int pushed = x.odp.length();
        boolean last = x.tail;
        if (x.truncating) { // a cut packet recirculates into the underlay, translated there as its own upcall
            x.odpAdd("recirc(0)");
            if (!last) {
                int at = start == 0 ? 0 : start + 1;
                x.odp.insert(at, "clone(").append(')');
                x.lastClone = at;
            }
            if (x.execute && x.packet != null && !x.meterDropped) {
                byte[] cut = x.applyCutlen(Packet.rewrite(x.packet, x.flow)); // tnl_push applies the cutlen first
                byte[] frame = NativeTunnel.push(header, cut, Packet.extract(x.packet, 0),
                        x.br.datapath.tnlPortRange);
                x.recirculated.add(new Xlate.Recirculated(outBr, new Ofproto.Output(outDev.ofport, frame)));
            }
            return;
        }
        long[] savedFlow = x.flow.clone(), savedBase = x.base, savedWc = x.wc;
        x.base = x.base.clone(); // base may be the initial flow itself (the megaflow's key)
        NativeTunnel.propagate(x.flow, t, tun.tunnelType, dmac, smac, sip, sip6);
        NativeTunnel.propagate(x.base, t, tun.tunnelType, dmac, smac, sip, sip6);
        x.wc = new long[Slot.ALL.length];
        Ofproto savedBr = x.br;
        boolean savedExecute = x.execute, savedSideEffects = x.sideEffects;
        byte[] savedPacket = x.packet;
        TraceflowHop savedHop = x.hop;
        x.creditRules(); // the overlay's rules so far; the underlay's through its own cache below
        x.execute = false; // the underlay's translation has no packet and no side effects
        x.sideEffects = false;
        x.packet = null;
        x.hop = null;
        if (savedExecute && savedPacket != null && !x.meterDropped) {
            // odp_execute's tnl_push on the packet: what the underlay's outputs send
            x.packet = NativeTunnel.push(header, Packet.rewrite(savedPacket, savedFlow),
                    Packet.extract(savedPacket, 0), x.br.datapath.tnlPortRange);
            x.underlay = new ArrayList<>(1);
        }
        int learnedFrom = x.xc.learned.length, tablesFrom = x.xc.tables();
        try {
            patchPortOutput(x, outBr, outDev);
            if (x.underlay != null) {
                x.pushed.add(new Xlate.Pushed(outBr, x.underlay));
            }
            if (savedExecute && savedPacket != null) {
                // native_tunnel_output(): with resubmit_stats, xlate_push_stats() of the underlay's cache entries,
                // XC_TUNNEL_HEADER's bytes added: patch_port_output()'s XC_NETDEV counts the packet, header and
                // all, on the tunnel port's tx again, and XC_TABLE and XC_RULE the underlay's tables and rules;
                // XC_NORMAL updates the underlay bridge's MAC learning
                savedBr.tunnelTx(tun.ofport, savedPacket.length + x.pushedHeaders + header.length);
                x.xc.pushOne(tablesFrom, x.now, savedPacket.length + x.pushedHeaders + header.length);
                x.pushedHeaders += x.keyMissed ? 0 : header.length;
                x.xc.learnFrom(learnedFrom, outBr, x.now);
            }
        } finally {
            x.underlay = null;
            x.br = savedBr;
            x.execute = savedExecute;
            x.creditFrom = x.xc.tables();
            x.sideEffects = savedSideEffects;
            x.packet = savedPacket;
            x.hop = savedHop;
            x.wc = savedWc;
            x.flow = savedFlow;
            x.base = savedBase;
            x.tail = last;
        }
        if (x.odp.length() == pushed) {
            x.odp.setLength(start); // nothing left the underlay: no push either
        } else if (!last) {
            int at = start == 0 ? 0 : start + 1;
            x.odp.insert(at, "clone(").append(')');
            x.lastClone = at;
        }
    }

    /**
     * patch_port_output(): the packet goes through the peer's bridge within this translation, whose wildcards stay;
     * then the flow, action set, bridge and conntrack state are this bridge's again, and neither an exit nor an error
     * of the peer's bridge stops this one (its commits stay).
     */
    private static void patchOutput(Xlate x, Ofproto.Port inDev, Ofproto outBr, Ofproto.Port outDev) {
        long[] savedFlow = x.flow.clone();
        Ofproto savedBr = x.br;
        List<Action> savedSet = new ArrayList<>(x.actionSet);
        long savedActset = x.actsetOutput;
        boolean savedHasGroup = x.actionSetHasGroup, savedWasMpls = x.wasMpls;
        boolean last = x.tail;
        String savedError = x.error;
        byte[] savedStack = x.stack.bytes(); // the peer's bridge starts with an empty stack
        int savedMirrors = x.mirrors;
        boolean independentMirrors = outBr != x.br; // patch_port_output(): another bridge mirrors anew
        if (independentMirrors) {
            x.mirrors = 0;
        }
        x.stack.clear();
        x.actionSet.clear();
        x.actsetOutput = Xlate.OFPP_UNSET;
        x.actionSetHasGroup = false;
        x.xc.replayable = false; // outputs of another bridge's ports: translated per packet
        x.xc.patched = true;
        try {
            x.patchLookup = true;
            patchPortOutput(x, outBr, outDev);
            x.patchLookup = false;
            if (x.freezing != null) { // patch_port_output(): a freeze in the peer's bridge finishes there
                XlateFreeze.finishFreezing(x);
            }
        } finally {
            if (x.execute && x.packet != null && x.hit) {
                // a hit's packet reaches the patch netdevs through its ukey's XC_NETDEV at the revalidator's push
                x.br.datapath.udpif.patchHit(inDev, outDev, x.passLength);
            } else if (x.execute && x.packet != null) { // netdev_vport_inc_tx()/inc_rx() with the upcall's stats
                Udpif.countPatch(inDev, outDev, 1, x.passLength);
            }
            x.flow = savedFlow;
            x.br = savedBr;
            x.actionSet.clear();
            x.actionSet.addAll(savedSet);
            x.actsetOutput = savedActset;
            x.actionSetHasGroup = savedHasGroup;
            x.wasMpls = savedWasMpls;
            x.exited = false;
            x.error = savedError;
            x.tail = last;
            x.stack.set(savedStack);
            if (independentMirrors) {
                x.mirrors = savedMirrors;
            }
        }
    }

    // patch_port_output(): the packet enters outBr on outDev with no metadata, registers, tunnel or conntrack state
    private static void patchPortOutput(Xlate x, Ofproto outBr, Ofproto.Port outDev) {
        x.flow[Slot.IN_PORT.ordinal()] = outDev.ofport;
        x.flow[Slot.METADATA.ordinal()] = 0;
        for (Slot s : Xlate.TUNNEL) {
            x.flow[s.ordinal()] = 0;
        }
        for (int i = 0; i < 16; i++) {
            x.flow[Slot.reg(i).ordinal()] = 0;
        }
        Conntrack.clear(x.flow);
        int from = x.trace == null ? 0 : x.trace.length();
        if (x.trace != null) {
            String banner = "bridge(\"" + outBr.name + "\")";
            x.trace.append('\n').append("    ".repeat(x.level)).append(banner).append('\n')
                    .append("    ".repeat(x.level)).append("-".repeat(banner.length())).append('\n');
        }
        x.br = outBr;
        int savedTable = x.tableId, savedTableLevel = x.tableLevel;
        x.tableLevel = x.level; // the peer's table nodes sit under its bridge node, at its indentation
        x.table(0); // xlate_table_action(): ctx->table_id is the caller's again after it
        x.tableId = savedTable;
        x.tableLevel = savedTableLevel;
        if (x.trace != null) {
            if (x.nestedBridges == null) {
                x.nestedBridges = new ArrayList<>(1);
            }
            x.nestedBridges.add(new int[] {from, x.trace.length()});
        }
    }

    /**
     * terminate_native_tunnel(): output to a port with an address on a bridge of a native-tunnelling datapath may be a
     * packet for one of the Geneve listening ports (returned: the datapath pops it); otherwise ARP replies to the
     * bridge and gratuitous ARPs teach the neighbour cache, and a tunnelled packet teaches it its sender (an upcall's
     * translation only: no xlate cache entry does it again when a packet hits the megaflow).
     */
    private static int terminate(Xlate x, Ofproto.Port p) {
        Datapath dp = x.br.datapath;
        if (!dp.nativeTunneling() || dp.router.address(p.name) == null && !dp.router.hasAddress6(p.name)) {
            return -1;
        }
        int port = NativeTunnel.lookup(dp.router, x.flow, x.wc, dp.listeners(), dp::netdevMac);
        boolean arp = x.flow[Slot.DL_TYPE.ordinal()] == Match.ETH_ARP;
        if (port < 0 && arp && (replyToBridge(x) || garp(x))) {
            NativeTunnel.snoop(dp.router, x.br.name, x.flow, x.wc, x.sideEffects && !x.hit, x.now);
        } else if (port < 0 && x.flow[Slot.NW_PROTO.ordinal()] == Match.PROTO_ICMPV6 && replyToBridge6(x)) {
            NativeTunnel.ndSnoop(dp.router, x.br.name, x.flow, x.wc, x.sideEffects && !x.hit, x.now);
        } else if (port >= 0 && x.sideEffects && !x.hit && x.flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IP) {
            dp.router.neighSet(x.br.name, x.flow[Slot.NW_SRC.ordinal()], x.flow[Slot.DL_SRC.ordinal()], x.now);
        } else if (port >= 0 && x.sideEffects && !x.hit && x.flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6) {
            dp.router.neighSet(x.br.name, Tunnel.address6(x.flow, Slot.IPV6_SRC_HI).toString(),
                    x.flow[Slot.DL_SRC.ordinal()], x.now);
        }
        return port;
    }

    // is_neighbor_reply_correct(): the ARP's target is an address of one of the bridge's ports
    private static boolean replyToBridge(Xlate x) {
        for (Ofproto.Port q : x.br.ports()) {
            long[] a = x.br.datapath.router.address(q.name);
            if (a != null && a[0] == x.flow[Slot.NW_DST.ordinal()]) {
                return true;
            }
        }
        return false;
    }

    // is_neighbor_reply_correct(): the IPv6 destination is an address of one of the bridge's ports
    private static boolean replyToBridge6(Xlate x) {
        io.arplab.wire.Ipv6Address dst = new io.arplab.wire.Ipv6Address(x.flow[Slot.IPV6_DST_HI.ordinal()],
                x.flow[Slot.IPV6_DST_LO.ordinal()]);
        for (Ofproto.Port q : x.br.ports()) {
            if (x.br.datapath.router.hasAddress6(q.name, dst)) {
                return true;
            }
        }
        return false;
    }

    // is_garp(): sender and target address equal (both read)
    private static boolean garp(Xlate x) {
        x.wc[Slot.NW_SRC.ordinal()] = Slot.NW_SRC.max;
        x.wc[Slot.NW_DST.ordinal()] = Slot.NW_DST.max;
        return x.flow[Slot.NW_SRC.ordinal()] == x.flow[Slot.NW_DST.ordinal()];
    }

    /**
     * OFPACT_ENQUEUE, xlate_enqueue_action(): the output (none to the input port named by number) with the queue's
     * priority (dpif_netdev_queue_to_priority(): the queue's number), the flow's own restored after.
     */
    static void enqueue(Xlate x, Action.Enqueue e) {
        int p = Slot.SKB_PRIORITY.ordinal();
        x.wc[p] = Slot.SKB_PRIORITY.max;
        if (e.port() != Ports.IN_PORT && e.port() == x.flow[Slot.IN_PORT.ordinal()]) {
            return;
        }
        long saved = x.flow[p];
        x.flow[p] = e.queue();
        outputPort(x, e.port());
        x.flow[p] = saved;
    }
}
