package io.arplab.flow;

/**
 * Port mirroring in a translation (ofproto-dpif-xlate.c mirror_packet(), mirror_ingress_packet()): a packet's copy to
 * each mirror that selects its input port (before the actions run) or an output port (after that output), once per
 * output (the translation's mirrors, ctx->mirrors).
 */
final class XlateMirror {
    private XlateMirror() {}

    // xlate_actions() after the first lookup: a packet on a mirror's output port is dropped, another one mirrored
    // before its actions run (when they do)
    static void firstLookup(Xlate x, boolean mirrorOut, boolean skipActions) {
        if (mirrorOut) {
            dropOnOutput(x, x.br.port(x.flow[Slot.IN_PORT.ordinal()]));
        } else if (!skipActions) {
            ingress(x);
        }
    }

    // mirror_ingress_packet(): the input bundle's source mirrors; ofpp_none_bundle has none
    private static void ingress(Xlate x) {
        Mirrors m = x.br.mirrors;
        if (!m.any()) {
            return;
        }
        long in = x.flow[Slot.IN_PORT.ordinal()];
        Ofproto.Port p = x.br.port(in);
        if (p == null) {
            if (in != Ports.CONTROLLER && in != Ports.NONE) { // lookup_input_bundle()
                x.error("received packet on unknown port " + in);
            }
            return;
        }
        packet(x, p, m.src(p.ofport));
    }

    // compose_output_action__(): the output port's destination mirrors, after the output
    static void egress(Xlate x, Ofproto.Port p) {
        if (x.br.mirrors.any()) {
            packet(x, p, x.br.mirrors.dst(p.ofport));
        }
    }

    /** xbundle_mirror_out(): whether {@code p} is a mirror's output port, which takes no other traffic. */
    static boolean isOutput(Xlate x, Ofproto.Port p) {
        Bond bond = p == null ? null : x.br.bondOf(p); // a bond's members are one bundle
        return p != null && x.br.mirrors.out(bond != null ? bond.bundlePort() : p.ofport) != 0;
    }

    /** The same for the packet's input port (looked up only when the bridge has mirrors). */
    static boolean inputIsOutput(Xlate x) {
        return x.br.mirrors.any() && isOutput(x, x.br.port(x.flow[Slot.IN_PORT.ordinal()]));
    }

    // xlate_actions() and xlate_normal(): a packet that came in on a mirror's output port is dropped
    static void dropOnOutput(Xlate x, Ofproto.Port in) {
        Bond bond = x.br.bondOf(in);
        x.error("dropping packet received on port " + (bond != null ? bond.name : in.name)
                + ", which is reserved exclusively for mirroring");
    }

    // mirror_packet(): the packet in the VLAN it has on 'port' (none if the port refuses its VID), to each mirror of
    // 'mirrors' not already output to, that selects that VLAN: to the mirror's port (output_normal()), or to every
    // other bundle of the output VLAN but mirror outputs; a mirror's duplicates count as output to
    private static void packet(Xlate x, Ofproto.Port port, int mirrors) {
        int[] inTags = PortVlan.extract(x.flow);
        String refused = port.vlan.inputError(PortVlan.vid(inTags[0]), port.name); // input_vid_is_valid()
        if (refused != null) {
            x.error(refused);
            return;
        }
        int[] tags = port.vlan.input(inTags);
        mirrors &= ~x.mirrors;
        while (mirrors != 0) {
            int idx = Integer.numberOfTrailingZeros(mirrors);
            Mirrors.Mirror m = x.br.mirrors.get(idx);
            if (m.vlans() != null) {
                x.wc[Slot.VLAN_TCI.ordinal()] |= Match.VLAN_CFI | Match.VLAN_VID;
                if (!m.vlans().get(PortVlan.vid(tags[0]))) {
                    mirrors &= mirrors - 1;
                    continue;
                }
            }
            x.mirrors |= x.br.mirrors.dups(idx);
            x.mirrorSnaplen = m.snaplen();
            boolean tail = x.tail;
            x.tail = false; // output_normal()'s compose_output_action(): never the last action (a tunnel's in clone())
            if (m.out() >= 0) {
                if (x.br.port(m.out()) != null) {
                    XlateNormal.outputNormal(x, m.out(), tags);
                }
            } else if (PortVlan.vid(tags[0]) != m.outVlan() && !PortVlan.reserved(x.flow[Slot.DL_DST.ordinal()])) {
                int[] out = {tags[0] & ~Match.VLAN_VID | m.outVlan(), tags[1]};
                for (Ofproto.Port p : x.br.ports()) {
                    if (p.vlan.includes(out) && !isOutput(x, p)) {
                        XlateNormal.outputNormal(x, p.ofport, out);
                    }
                }
            }
            x.tail = tail;
            mirrors &= ~x.mirrors;
            x.mirrorSnaplen = 0;
        }
    }
}
