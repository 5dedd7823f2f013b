package io.arplab.flow;

import io.arplab.wire.libc.CLib;
import java.util.ArrayList;
import java.util.List;

/**
 * An OFPT_PACKET_OUT as ovs-ofctl builds it (struct ofputil_packet_out): the packet, the port it comes from, the
 * pipeline fields it starts with, and the actions the switch runs on it in place of the tables.
 */
public record PacketOut(long inPort, Match metadata, byte[] packet, List<Action> actions, int usable) {

    /**
     * parse_ofp_packet_out_str__() (lib/ofp-packet.c): "in_port=PORT,packet=HEX,[FIELD=VALUE,...]actions=ACTIONS";
     * in_port defaults to CONTROLLER; besides in_port, packet_type and packet only pipeline fields are allowed.
     * Port warnings go where {@link Ports#collecting} puts them.
     */
    public static PacketOut parse(String text, PortMap names) {
        String string = text;
        String actStr = null;
        int a = string.indexOf("action"); // ofp_extract_actions()
        int eq = a < 0 ? -1 : string.indexOf('=', a + 1);
        if (eq >= 0) {
            actStr = string.substring(eq + 1);
            string = string.substring(0, a);
        }
        long inPort = Ports.CONTROLLER;
        Match metadata = new Match();
        byte[] packet = null;
        int usable = FlowMod.P_ANY;
        KeyValue kv = new KeyValue(string);
        while (kv.next()) {
            String name = kv.key, value = kv.value;
            if (value.isEmpty()) {
                throw new FlowParseException("field " + name + " missing value");
            }
            if (name.equals("in_port")) {
                long p = Ports.parse(value, names);
                if (p < 0) {
                    throw new FlowParseException(value + " is not a valid OpenFlow port");
                }
                if (p > Ports.MAX && p != Ports.LOCAL && p != Ports.NONE && p != Ports.CONTROLLER) {
                    throw new FlowParseException(value + " is not a valid OpenFlow port for PACKET_OUT");
                }
                inPort = p;
            } else if (name.equals("packet_type")) {
                int comma = value.indexOf(',');
                if (comma < 0) {
                    throw new FlowParseException(name + "(" + value + ") can't be interpreted");
                }
                long ns = CLib.strtoul(value.substring(0, comma)), type = CLib.strtoul(value.substring(comma + 1));
                metadata.putSlot(Slot.PACKET_TYPE, (ns & 0xffff) << 16 | type & 0xffff, Slot.PACKET_TYPE.max);
            } else if (name.equals("packet")) {
                try {
                    packet = Packet.ethFromHex(value);
                } catch (FlowParseException e) {
                    throw new FlowParseException(name + ": " + e.getMessage());
                }
            } else {
                Field mf = Field.byName(name);
                if (mf == null) {
                    throw new FlowParseException("unknown keyword " + name);
                }
                long[] vm = FieldParser.parse(mf, value, names); // ofp_parse_field()
                if (mf.slots() > 1) {
                    metadata.set(mf, new U128(vm[2], vm[0]), new U128(vm[3], vm[1]));
                } else {
                    metadata.set(mf, vm[0], vm[1]);
                }
                usable &= FlowParser.usable(metadata);
                if (!pipeline(mf)) {
                    throw new FlowParseException(name + " is not a valid pipeline field for PACKET_OUT");
                }
            }
        }
        if (packet == null) {
            throw new FlowParseException("must specify packet");
        }
        List<Action> actions = List.of();
        if (actStr != null) {
            actions = ActionParser.parseActions(actStr, names);
            usable &= ActionCheck.parsedUsable(actions);
        }
        return new PacketOut(inPort, metadata, packet, actions, usable);
    }

    /** The protocols that can carry these actions (ofpacts_parse_actions()'s usable_protocols). */
    public static int usable(List<Action> actions) {
        return ActionCheck.parsedUsable(actions);
    }

    /** The old syntax's packet-out of one packet: its port and actions given apart (ofctl_packet_out()). */
    public static PacketOut of(long inPort, byte[] packet, List<Action> actions) {
        return new PacketOut(inPort, new Match(), packet, actions, ActionCheck.parsedUsable(actions));
    }

    // mf_is_pipeline_field(): the tunnel fields, metadata and the registers
    private static boolean pipeline(Field f) {
        return f.ordinal() <= Field.METADATA.ordinal()
                || f.ordinal() >= Field.REG0.ordinal() && f.ordinal() <= Field.XXREG3.ordinal();
    }

    /**
     * ofputil_packet_out_format() at ofp_print()'s verbosity 2, as an error reply quotes the request: the metadata's
     * match, the actions, the data's length, then the packet (ofp_packet_to_string()).
     */
    /**
     * The packet-out ovs-ofctl sends in {@code v} with {@code xid} (ofputil_encode_packet_out(): OpenFlow 1.0's
     * ofp10_packet_out, 1.1-1.4's ofp11_packet_out, which carries no metadata beyond in_port, 1.5's with an OXM
     * match of in_port), or null for one arplab does not encode (metadata in OpenFlow 1.0's NXT_PACKET_OUT2 and in
     * 1.5's match; actions OfpEncode lacks).
     */
    byte[] wire(OfVersion v, int xid) {
        boolean of11 = v.atLeast(OfVersion.OF11) && !v.atLeast(OfVersion.OF15);
        for (long m : metadata.mask) {
            if (m != 0 && !of11) {
                return null;
            }
        }
        byte[] acts;
        try {
            acts = OfpEncode.actions(ActionFormat.roundTrip(actions, v), v);
        } catch (OfpEncode.Unencodable e) {
            return null;
        }
        long port11 = inPort >= 0xff00 ? inPort + 0xffff0000L : inPort; // ofputil_port_to_ofp11()
        int head = v == OfVersion.OF10 ? 16 : v.atLeast(OfVersion.OF15) ? 32 : 24;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(head + acts.length + packet.length);
        b.put((byte) v.wire).put((byte) 13).putShort((short) b.capacity()).putInt(xid);
        b.putInt(-1); // buffer_id: UINT32_MAX
        if (v == OfVersion.OF10) {
            b.putShort((short) inPort).putShort((short) acts.length);
        } else if (!v.atLeast(OfVersion.OF15)) {
            b.putInt((int) port11).putShort((short) acts.length).put(new byte[6]);
        } else { // the match: OFPMT_OXM, 12 bytes (OXM_OF_IN_PORT), padded to 16
            b.putShort((short) acts.length).put(new byte[2]).putShort((short) 1).putShort((short) 12)
                    .putInt(0x80000004).putInt((int) port11).putInt(0);
        }
        return b.put(acts).put(packet).array();
    }

    /** ofp_print()'s hex dump of {@link #wire}, or null. */
    public String hexDump(OfVersion v, int xid) {
        byte[] w = wire(v, xid);
        return w == null ? null : OfpEncode.hexDump(w, true);
    }

    public List<String> format(OfVersion v, PortMap names) {
        Match m = metadata.copy();
        m.set(Field.IN_PORT, inPort, 0xffff);
        String match = MatchFormat.format(m, MatchFormat.DEFAULT_PRIORITY, names);
        List<String> out = new ArrayList<>();
        out.add(" " + match + " actions=" + ActionFormat.format(ActionFormat.roundTrip(actions, v), v, names)
                + " data_len=" + packet.length);
        out.add(packetToString(packet));
        return out;
    }

    /** ofp_packet_to_string(): flow_format() of the packet's flow, then its L4 checksum for TCP, UDP and SCTP. */
    static String packetToString(byte[] packet) {
        long[] flow = Packet.extract(packet, 0, 2);
        StringBuilder s = new StringBuilder(FlowFormat.format(flow));
        int proto = (int) flow[Slot.NW_PROTO.ordinal()];
        int l4 = l4Offset(packet);
        if (l4 >= 0 && (flow[Slot.NW_FRAG.ordinal()] & 2) == 0) {
            int size = packet.length - l4;
            if (proto == Match.PROTO_TCP && size >= 20) {
                s.append(" tcp_csum:").append(Integer.toHexString(u16(packet, l4 + 16)));
            } else if (proto == Match.PROTO_UDP && size >= 8) {
                s.append(" udp_csum:").append(Integer.toHexString(u16(packet, l4 + 6)));
            } else if (proto == Match.PROTO_SCTP && size >= 12) {
                s.append(" sctp_csum:").append(Long.toHexString(
                        (long) u16(packet, l4 + 8) << 16 | u16(packet, l4 + 10)));
            }
        }
        return s.toString();
    }

    // where an IPv4 or IPv6 packet's L4 header starts (after its VLAN tags and its IP header), else -1
    private static int l4Offset(byte[] p) {
        int t = 12;
        while (t + 4 <= p.length && (u16(p, t) == 0x8100 || u16(p, t) == 0x88a8)) {
            t += 4;
        }
        if (t + 2 > p.length) {
            return -1;
        }
        int type = u16(p, t);
        if (type == Match.ETH_IP && t + 3 <= p.length) {
            return t + 2 + (p[t + 2] & 0xf) * 4;
        }
        return type == Match.ETH_IPV6 ? t + 2 + 40 : -1;
    }

    private static int u16(byte[] p, int at) {
        return (p[at] & 0xff) << 8 | p[at + 1] & 0xff;
    }
}
