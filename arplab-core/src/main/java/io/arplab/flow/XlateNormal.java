package io.arplab.flow;

import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The NORMAL action (ofproto-dpif-xlate.c xlate_normal()): MAC learning per VLAN, the learned port or the flood
 * over every other bundle of the packet's VLAN, each output with the tags its port sends.
 */
final class XlateNormal {
    private XlateNormal() {}

    // xlate_normal(): learn the source, forward to the learned port or flood
    static void normal(Xlate x) {
        long src = x.flow[Slot.DL_SRC.ordinal()], dst = x.flow[Slot.DL_DST.ordinal()];
        long in = x.flow[Slot.IN_PORT.ordinal()];
        x.xc.normal = true;
        x.tail = false; // output_normal(): never the last action
        x.wc[Slot.DL_SRC.ordinal()] = Slot.DL_SRC.max;
        x.wc[Slot.DL_DST.ordinal()] = Slot.DL_DST.max;
        x.wc[Slot.VLAN_TCI.ordinal()] |= Match.VLAN_VID | Match.VLAN_CFI;
        Ofproto.Port inPort = x.br.port(in);
        // lookup_input_bundle(): a port the bridge lacks has no bundle, but for OFPP_CONTROLLER and OFPP_NONE, whose
        // packets take ofpp_none_bundle (which learns nothing)
        if (inPort == null && in != Ports.CONTROLLER && in != Ports.NONE) {
            x.error("received packet on unknown port " + in);
            x.problem("no input bundle, dropping");
            return;
        }
        Bond inBond = x.br.bondOf(inPort);
        String inName = inPort == null ? "" : inBond != null ? inBond.name : inPort.name; // the bundle's name
        long dlType = x.flow[Slot.DL_TYPE.ordinal()];
        // xlate_normal(): a VLAN Ethertype the extractor left without a tag (eth_type_vlan(), no VLAN_CFI)
        if ((dlType == 0x8100 || dlType == 0x88a8) && (x.flow[Slot.VLAN_TCI.ordinal()] & Match.VLAN_CFI) == 0) {
            if (x.packet != null) {
                x.error("dropping packet with partial VLAN tag received on port " + inName);
            }
            x.problem("partial VLAN tag, dropping");
            return;
        }
        if (XlateMirror.isOutput(x, inPort)) { // xlate_normal(): frames on a mirror's output bundle are dropped
            if (x.packet != null) {
                XlateMirror.dropOnOutput(x, inPort);
            }
            x.problem("input port is mirror output port, dropping");
            return;
        }
        PortVlan inVlan = inPort == null ? PortVlan.NONE : inPort.vlan; // ofpp_none_bundle takes any VID
        int[] inTags = PortVlan.extract(x.flow);
        String refused = inVlan.inputError(PortVlan.vid(inTags[0]), inName);
        if (refused != null) { // input_vid_is_valid()
            x.error(refused);
            x.problem("disallowed VLAN VID for this input port, dropping");
            return;
        }
        int[] tags = inVlan.input(inTags); // xvlan_input_translate()
        int vlan = PortVlan.vid(tags[0]);
        if (inPort != null && !x.br.forwardBpdu && PortVlan.reserved(dst)) { // is_admissible()
            x.note("packet has reserved destination MAC, dropping");
            return;
        }
        long inBundle = inBond != null ? inBond.bundlePort() : in; // the bundle a bond's member is part of
        if (inBond != null && !bondAdmits(x, inBond, inPort, src, dst, vlan)) {
            return;
        }
        boolean gratArp = gratuitousArp(x, dst);
        // a datapath hit runs its megaflow's actions, translated from the table as it stood before the packet: its
        // own source is learned by the push after it (XC_NORMAL's xlate_mac_learning_update()), not before the lookup
        MacLearning.Entry before = x.hit && !MacAddress.isMulticast(dst) ? x.br.ml.lookup(dst, vlan, x.now) : null;
        long beforePort = before == null ? 0 : before.port; // the entry moves in place
        if (!MacAddress.isMulticast(src) && inPort != null) {
            // update_learning_table(): with side effects only, never for ofpp_none_bundle; a change is reported
            if (x.sideEffects && x.br.ml.learn(src, vlan, inBundle, x.now, gratArp, inBond != null)
                    && x.trace != null) {
                x.note("learned that " + MatchFormat.mac(src) + " is on port " + inName + " in VLAN " + vlan);
            }
            x.xc.learn(src, vlan, inBundle, gratArp);
        }
        if (x.br.mcast != null && dst != 0xffff_ffff_ffffL && MacAddress.isMulticast(dst)
                && (x.flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IP || x.flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6)) {
            XlateMcast.normal(x, inBundle, inName, vlan, tags);
            return;
        }
        MacLearning.Entry e = x.hit ? before : !MacAddress.isMulticast(dst) ? x.br.ml.lookup(dst, vlan, x.now) : null;
        long port = x.hit ? beforePort : e == null ? 0 : e.port;
        if (e != null && XlateMirror.isOutput(x, x.br.port(port))) {
            x.problem("learned port is a mirror port, dropping");
        } else if (e == null) {
            x.note("no learned MAC for destination, flooding");
            normalFlood(x, inBundle, tags);
        } else if (port == inBundle) {
            x.note("learned port is input port, dropping");
        } else {
            x.note("forwarding to learned port");
            outputNormal(x, port, tags);
        }
    }

    // xlate_normal_flood(): every other bundle that carries the packet's VLAN and is floodable (no OFPPC_NO_FLOOD),
    // in the order the bridge made them (its xbundles list: LOCAL, then the ports as added), but mirror outputs; the
    // flood's last port is the last action when it is
    static void normalFlood(Xlate x, long in, int[] tags) {
        List<Ofproto.Port> ports = new ArrayList<>(x.br.ports());
        // a bond is one bundle, at its first member's place
        ports.removeIf(p -> {
            Bond b = x.br.bondOf(p);
            return b != null && b.bundlePort() != p.ofport;
        });
        ports.removeIf(p -> p.ofport == in || !p.vlan.includes(tags) || (p.config & Ofproto.Port.NO_FLOOD) != 0
                || XlateMirror.isOutput(x, p));
        boolean outerTail = x.tail;
        for (int i = 0; i < ports.size(); i++) {
            x.tail = outerTail && i == ports.size() - 1;
            outputNormal(x, ports.get(i).ofport, tags);
        }
        x.tail = outerTail;
    }

    // is_admissible()'s bond_check_admissibility(), and for an SLB bond the MAC learned on another bundle
    private static boolean bondAdmits(Xlate x, Bond bond, Ofproto.Port in, long src, long dst, int vlan) {
        Bond.Verdict v = bond.admissibility(in, dst);
        if (v == Bond.Verdict.DROP) {
            x.note("bonding refused admissibility, dropping");
            return false;
        }
        if (v == Bond.Verdict.DROP_IF_MOVED) {
            MacLearning.Entry e = x.br.ml.lookup(src, vlan, x.now);
            // a gratuitous ARP is let through unless the entry's gratuitous ARP lock holds
            if (e != null && e.port != bond.bundlePort()
                    && (!gratuitousArp(x, dst) || x.br.ml.gratArpLocked(e, x.now))) {
                x.note("SLB bond thinks this packet looped back, dropping");
                return false;
            }
        }
        return true;
    }

    // is_gratuitous_arp(): a broadcast ARP reply, or a request whose sender and target addresses are equal
    private static boolean gratuitousArp(Xlate x, long dst) {
        if (x.flow[Slot.DL_TYPE.ordinal()] != Match.ETH_ARP || dst != 0xffff_ffff_ffffL) {
            return false;
        }
        x.wc[Slot.NW_PROTO.ordinal()] = 0xff;
        long op = x.flow[Slot.NW_PROTO.ordinal()];
        if (op == 1) {
            x.wc[Slot.NW_SRC.ordinal()] = 0xffffffffL;
            x.wc[Slot.NW_DST.ordinal()] = 0xffffffffL;
        }
        return op == 2 || op == 1 && x.flow[Slot.NW_SRC.ordinal()] == x.flow[Slot.NW_DST.ordinal()];
    }

    // output_normal(): the tags the output port sends (xvlan_output_translate(), xvlan_put()) for this output only
    static void outputNormal(Xlate x, long port, int[] tags) {
        Ofproto.Port p = x.br.port(port);
        if (p == null) {
            XlateOutput.output(x, port);
            return;
        }
        if (p.vlan.matchesInnerTag()) {
            x.wc[Slot.VLAN_TCI1.ordinal()] = 0xffff;
        }
        int tci = Slot.VLAN_TCI.ordinal(), tpid = Slot.VLAN_TPID.ordinal(), tci1 = Slot.VLAN_TCI1.ordinal(),
                tpid1 = Slot.VLAN_TPID1.ordinal();
        long[] old = {x.flow[tci], x.flow[tpid], x.flow[tci1], x.flow[tpid1]};
        int[] out = p.vlan.output(tags, x.flow);
        Bond bond = x.br.bondOf(p);
        if (bond != null) { // output_normal(): the member bond_choose_output_member() picks for the output VLAN
            // balance-tcp recirculates (bond_may_recirc()) and unwildcards nothing
            p = bond.chooseOutput(x.flow, bond.mayRecirc() ? null : x.wc, PortVlan.vid(out[0]));
            if (p == null) {
                return; // no member enabled: dropped
            }
            port = p.ofport;
        }
        p.vlan.put(x.flow, out);
        XlateOutput.output(x, port);
        x.flow[tci] = old[0];
        x.flow[tpid] = old[1];
        x.flow[tci1] = old[2];
        x.flow[tpid1] = old[3];
    }
}
