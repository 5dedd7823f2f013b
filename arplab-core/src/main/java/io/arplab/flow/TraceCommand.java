package io.arplab.flow;

import io.arplab.wire.libc.CLib;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ovs-appctl ofproto/trace [OPTIONS] {[DPNAME] ODP_FLOW | BRIDGE BR_FLOW} [-generate|PACKET]}
 * (ofproto/ofproto-dpif-trace.c ofproto_unixctl_trace(), parse_flow_and_packet()): a flow in ovs-ofctl syntax after a
 * bridge, or a datapath flow alone or after the datapath's name, then a hex packet.
 */
public final class TraceCommand {
    private TraceCommand() {}

    /** The trace text, or throws FlowParseException with OVS's error. */
    public static String run(List<String> args, Function<String, Ofproto> bridges, long now) {
        return run(args, bridges, null, now);
    }

    /**
     * The same with the lab's datapath {@code dp} (null: none), the only backer a datapath flow can name:
     * parse_flow_and_packet()'s forms {@code [OPTIONS] [DPNAME] ODP_FLOW [PACKET]} and
     * {@code [OPTIONS] BRIDGE BR_FLOW [PACKET]}.
     */
    public static String run(List<String> args, Function<String, Ofproto> bridges, Datapath dp, long now) {
        return trace(args, bridges, dp, now, null);
    }

    /**
     * {@code ovs-appctl ofproto/trace-packet-out [-consistent] [OPTIONS] FLOW [PACKET] ACTIONS}
     * (ofproto_unixctl_trace_actions()): the actions, parsed first, run on the flow instead of the tables, after
     * handle_packet_out()'s checks; -consistent also refuses actions no protocol can carry with the flow's match.
     */
    public static String runPacketOut(List<String> args, Function<String, Ofproto> bridges, Datapath dp, long now) {
        List<Action> actions = ActionParser.parseActions(args.get(args.size() - 1), PortMap.NONE);
        return trace(args.subList(0, args.size() - 1), bridges, dp, now, actions);
    }

    // parse_flow_and_packet(), then ofproto_trace(); actions null for ofproto/trace
    private static String trace(List<String> args, Function<String, Ofproto> bridges, Datapath dp, long now,
            List<Action> actions) {
        boolean consistent = false;
        boolean names = false;
        List<Integer> ctNext = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        boolean generate = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-generate") || a.equals("--generate")) {
                generate = true;
            } else if (a.equals("--l7") || a.equals("--l7-len") || a.equals("--ct-next")) {
                if (i + 1 >= args.size()) {
                    throw new FlowParseException("Missing argument for option " + a);
                }
                String v = args.get(++i);
                if (a.equals("--l7") && !Packet.hexTail(v).isEmpty()) {
                    throw new FlowParseException("Trailing garbage in packet data");
                } else if (a.equals("--l7-len") && CLib.atoi(v) > 64000) {
                    throw new FlowParseException(v + ": too much L7 data");
                } else if (a.equals("--ct-next")) {
                    ctNext.add(ctState(v));
                }
            } else if (actions != null && (a.equals("-consistent") || a.equals("--consistent"))) {
                consistent = true;
            } else if (a.equals("-names") || a.equals("--names")) {
                names = true;
            } else if (a.startsWith("-")) {
                throw new FlowParseException(a + ": unknown option");
            } else if (rest.size() >= 3) {
                throw new FlowParseException("too many arguments");
            } else {
                rest.add(a);
            }
        }
        // the last argument is a packet when it is hex of at least an Ethernet header (eth_from_hex())
        byte[] packet = null;
        if (!generate && rest.size() > 1) {
            try {
                packet = Packet.ethFromHex(rest.get(rest.size() - 1));
                rest.remove(rest.size() - 1);
            } catch (FlowParseException e) {
                if (rest.size() > 2) {
                    throw e;
                }
            }
        }
        if (rest.isEmpty()) {
            throw new FlowParseException("\"ofproto/trace\" command requires at least 1 arguments");
        }
        String text = rest.get(rest.size() - 1);
        boolean backer = dp != null && (rest.size() == 1
                || rest.get(0).equals("dummy") || rest.get(0).equals("ovs-dummy"));
        OdpKey odp;
        try {
            odp = OdpKey.parse(text, backer ? dp : null);
        } catch (FlowParseException e) {
            if (rest.size() != 2) {
                throw new FlowParseException(e.getMessage() + " (or the bridge name was omitted)");
            }
            odp = null;
        }
        long[] flow = new long[Slot.ALL.length];
        Ofproto br;
        if (odp != null) {
            if (!backer) {
                throw new FlowParseException("Cannot find the datapath");
            }
            br = odp.lookupOfproto(dp, now);
            flow = odp.flow(dp);
            // parse_flow_and_packet(): the Geneve options in OpenFlow form at once, through the bridge's TLV map
            if ((flow[Slot.TUN_FLAGS.ordinal()] & Tunnel.UDPIF) != 0 && !TunMetadata.fromUdpif(br.tlv, flow)) {
                throw new FlowParseException("Failed to parse Geneve options");
            }
        } else {
            br = bridges.apply(rest.get(0));
            if (br == null) {
                throw new FlowParseException(rest.get(0) + ": unknown bridge");
            }
            String exact = exactFlowError(text, br.portMap());
            if (exact != null) {
                throw new FlowParseException("Bad openflow flow syntax: " + text + ": " + exact);
            }
            Match given = FlowParser.parse(text, FlowMod.Command.QUERY, br.portMap()).parsed();
            for (Slot s : Slot.ALL) {
                flow[s.ordinal()] = given.value(s);
            }
            if (flow[Slot.IN_PORT.ordinal()] == 0) {
                flow[Slot.IN_PORT.ordinal()] = Ports.NONE; // parse_ofp_exact_flow(): no input port is OFPP_NONE
            }
            if (flow[Slot.VLAN_TPID.ordinal()] == 0 && flow[Slot.VLAN_TCI.ordinal()] != 0) {
                flow[Slot.VLAN_TPID.ordinal()] = 0x8100; // mf_set_flow_value(): flow_fix_vlan_tpid()
            }
        }
        flow[Slot.ACTSET_OUTPUT.ordinal()] = 0; // xlate_actions(): OFPP_UNSET until the pipeline writes one
        if (generate) { // parse_flow_and_packet(): flow_compose() of the flow, which stays as given
            packet = FlowCompose.fromFlow(flow);
        } else if (packet != null) {
            // pkt_metadata_from_flow(), then flow_extract(): the flow (either form) gives the packet's metadata, the
            // packet everything else; metadata, registers and the like are no packet metadata (zero), the
            // original tuple only of a valid connection of an IP flow
            long[] pf = Packet.extract(packet, flow[Slot.IN_PORT.ordinal()], br.datapath.vlanLimit());
            long dlType = flow[Slot.DL_TYPE.ordinal()];
            boolean tuple = (dlType == Match.ETH_IP || dlType == Match.ETH_IPV6)
                    && (flow[Slot.CT_STATE.ordinal()] & Conntrack.VALID_PACKET) != 0; // is_ct_valid()
            for (Slot s : Slot.ALL) {
                int i = s.ordinal();
                boolean keep = i < Slot.DL_DST.ordinal() && s != Slot.PACKET_TYPE
                        && (i < Slot.METADATA.ordinal() || i > Slot.CONJ_ID.ordinal())
                        && (i > Slot.CT_TP_DST.ordinal() || tuple);
                if (!keep) {
                    flow[i] = pf[i];
                }
            }
        }
        if (actions != null) {
            checkActions(br, actions, flow, consistent);
        }
        return br.trace(now, flow, packet, ctNext, actions, names);
    }

    // ofpacts_check_consistency() against match_wc_init()'s exact match of the flow, then ofproto_check_ofpacts()'s
    // groups and meters: "Bad actions: OFPERR_NAME"
    private static void checkActions(Ofproto br, List<Action> actions, long[] flow, boolean consistent) {
        Match exact = Match.exact(flow);
        try {
            ActionCheck.check(actions, exact, 0);
            if (consistent && !ActionCheck.consistent(actions, exact)) {
                throw new ActionCheckException((String) null, "OFPBAC_MATCH_INCONSISTENT");
            }
        } catch (ActionCheckException e) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((OFP\\w+)\\)").matcher(e.getMessage());
            throw new FlowParseException("Bad actions: " + (m.find() ? m.group(1) : e.getMessage()));
        }
        String missing = OfprotoFlowMod.checkOfpacts(br, actions, br.groups);
        if (missing != null) {
            throw new FlowParseException("Bad actions: " + missing);
        }
    }

    // parse_ct_state() of --ct-next's flags (separated by commas or spaces), then validate_ct_state()
    private static int ctState(String v) {
        int state = 0;
        for (String f : v.split("[, ]+")) {
            if (f.isEmpty()) {
                continue;
            }
            int bit = CT_FLAGS.indexOf(f);
            if (bit < 0) {
                throw new FlowParseException(f + ": unknown connection tracking state flag");
            }
            state |= 1 << bit;
        }
        StringBuilder names = new StringBuilder();
        for (int b = 0; b < CT_FLAGS.size(); b++) {
            if ((state >> b & 1) != 0) {
                names.append(names.isEmpty() ? "" : "|").append(CT_FLAGS.get(b));
            }
        }
        List<String> errors = new ArrayList<>();
        if (state != 0 && (state & 0x20) == 0) {
            errors.add("If \"trk\" is unset, no other flags are set");
        }
        if ((state & 0x10) != 0 && (state & ~0x30) != 0) {
            errors.add("when \"inv\" is set, only \"trk\" may also be set");
        }
        if ((state & 0x01) != 0 && (state & 0x02) != 0) {
            errors.add("\"new\" and \"est\" are mutually exclusive");
        }
        if ((state & 0x01) != 0 && (state & 0x08) != 0) {
            errors.add("\"new\" and \"rpy\" are mutually exclusive");
        }
        if (!errors.isEmpty()) {
            throw new FlowParseException(String.join("\n", errors.stream()
                    .map(e -> names + ": invalid connection state: " + e).toList()));
        }
        return state;
    }

    /** CS_STATES of lib/packets.h, bit 0 first. */
    private static final List<String> CT_FLAGS = List.of("new", "est", "rel", "rpl", "inv", "trk", "snat", "dnat");


    /** parse_ofp_exact_flow() of {@code s} into a match, or throws FlowParseException with its error. */
    public static Match exactFlow(String s, PortMap names) {
        String exact = exactFlowError(s, names);
        if (exact != null) {
            throw new FlowParseException(s + ": " + exact);
        }
        return FlowParser.parse(s, FlowMod.Command.QUERY, names).parsed();
    }

    // parse_ofp_exact_flow(): known fields only, in an order that meets each one's prerequisites, each set once
    private static String exactFlowError(String s, PortMap names) {
        Match m = new Match();
        KeyValue kv = new KeyValue(s);
        try {
            while (kv.next()) {
                int[] proto = FlowParser.protocol(kv.key);
                Field mf = proto == null ? Field.byName(kv.key) : null;
                if (proto != null) {
                    if (m.value(Slot.DL_TYPE) != 0) {
                        return "Ethernet type set multiple times";
                    }
                    m.set(Field.ETH_TYPE, proto[0], 0xffff);
                    if (proto[1] != 0) {
                        if (m.value(Slot.NW_PROTO) != 0) {
                            return "network protocol set multiple times";
                        }
                        m.set(Field.IP_PROTO, proto[1], 0xff);
                    }
                } else if (kv.key.equals("packet_type")) { // MFF_PACKET_TYPE: no prerequisites, set once not (0,0)
                    if (m.value(Slot.PACKET_TYPE) != 0) {
                        return "field packet_type set multiple times";
                    }
                    m.putSlot(Slot.PACKET_TYPE, FlowParser.packetType(kv.value), Slot.PACKET_TYPE.max);
                } else if (mf == null) {
                    return "unknown field " + kv.key;
                } else {
                    if (!m.prereqsOk(mf)) {
                        return "prerequisites not met for setting " + kv.key;
                    }
                    // mf_is_set(): a field counts as set once its value is not zero
                    if (!m.value(mf).isZero()) {
                        return "field " + kv.key + " set multiple times";
                    }
                    U128[] vm = FieldParser.parseWide(mf, kv.value, names);
                    boolean masked = kv.value.indexOf('/') >= 0 || kv.value.startsWith("+") || kv.value.startsWith("-");
                    // mf_parse_value(): an exact value only, is_all_ones() over the field's bytes (tun_flags=+oam's
                    // one bit is a mask)
                    if (masked && !vm[1].and(U128.ones(8 * mf.nBytes)).equals(U128.ones(8 * mf.nBytes))) {
                        return "bad value for " + kv.key + " (" + kv.value + ": wildcards not allowed here)";
                    }
                    m.set(mf, vm[0], vm[1]);
                }
            }
        } catch (FlowParseException e) { // mf_parse_value()'s error
            return "bad value for " + kv.key + " (" + e.getMessage() + ")";
        }
        return null;
    }
}
