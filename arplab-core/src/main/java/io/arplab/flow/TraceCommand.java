package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ovs-appctl ofproto/trace [--ct-next FLAGS]... BRIDGE FLOW [PACKET]} (ofproto/ofproto-dpif-trace.c
 * ofproto_unixctl_trace): the flow in ovs-ofctl syntax, or a flow with in_port and a hex packet.
 */
public final class TraceCommand {
    private TraceCommand() {}

    /** The trace text, or throws FlowParseException with OVS's error. */
    public static String run(List<String> args, Function<String, Ofproto> bridges, long now) {
        List<Integer> ctNext = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--ct-next")) {
                if (i + 1 >= args.size()) {
                    throw new FlowParseException("Missing argument for option --ct-next");
                }
                long[] vm = FieldParser.parse(Field.CT_STATE, args.get(++i).replace(',', '|'), PortMap.NONE);
                ctNext.add((int) vm[0]);
            } else {
                rest.add(a);
            }
        }
        if (rest.size() < 2) {
            throw new FlowParseException("\"ofproto/trace\" command requires at least 1 arguments");
        }
        if (rest.size() == 2 && rest.get(1).indexOf('(') >= 0) {
            // parse_flow_and_packet(): before a datapath flow comes a datapath type, "ovs-" prefix optional, and
            // the only backer here is the dummy one
            String dp = rest.get(0).startsWith("ovs-") ? rest.get(0).substring(4) : rest.get(0);
            if (!dp.equals("dummy")) {
                throw new FlowParseException("Cannot find the datapath");
            }
        }
        Ofproto br = bridges.apply(rest.get(0));
        if (br == null) {
            throw new FlowParseException("no bridge named " + rest.get(0));
        }
        String exact = exactFlowError(rest.get(1), br.portMap());
        if (exact != null) {
            throw new FlowParseException("Bad openflow flow syntax: " + rest.get(1) + ": " + exact);
        }
        FlowMod fm;
        try {
            fm = FlowParser.parse(rest.get(1), FlowMod.Command.QUERY, br.portMap());
        } catch (FlowParseException e) {
            throw new FlowParseException(e.getMessage());
        }
        long[] flow = new long[Slot.ALL.length];
        for (Slot s : Slot.ALL) {
            flow[s.ordinal()] = fm.match().value(s);
        }
        flow[Slot.ACTSET_OUTPUT.ordinal()] = 0; // xlate_actions(): OFPP_UNSET until the pipeline writes one
        if (flow[Slot.VLAN_TPID.ordinal()] == 0 && flow[Slot.VLAN_TCI.ordinal()] != 0) {
            flow[Slot.VLAN_TPID.ordinal()] = 0x8100; // mf_set_flow_value(): flow_fix_vlan_tpid()
        }
        byte[] packet = null;
        if (rest.size() > 2) {
            packet = hex(rest.get(2));
            long[] pf = Packet.extract(packet, flow[Slot.IN_PORT.ordinal()], br.datapath.vlanLimit());
            for (Slot s : Slot.ALL) {
                if (pf[s.ordinal()] != 0 || fm.match().mask(s) == 0) {
                    flow[s.ordinal()] = fm.match().mask(s) != 0 && s != Slot.IN_PORT ? flow[s.ordinal()]
                            : pf[s.ordinal()];
                }
            }
            flow[Slot.IN_PORT.ordinal()] = fm.match().value(Slot.IN_PORT);
        }
        return br.trace(now, flow, packet, ctNext);
    }

    // parse_ofp_exact_flow(): known fields only, in an order that meets each one's prerequisites, each set once
    private static String exactFlowError(String s, PortMap names) {
        if (s.indexOf('(') >= 0) {
            return null; // a datapath flow (odp_flow_from_string()), not an OpenFlow one
        }
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
                    if (masked && !vm[1].equals(U128.ones(mf.nBits))) { // mf_parse_value(): an exact value only
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

    static byte[] hex(String s) {
        if ((s.length() & 1) != 0) {
            throw new FlowParseException("Trailing garbage in packet data");
        }
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16), lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new FlowParseException("Trailing garbage in packet data");
            }
            b[i] = (byte) (hi << 4 | lo);
        }
        return b;
    }
}
