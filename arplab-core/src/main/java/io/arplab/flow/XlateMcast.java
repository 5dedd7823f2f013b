package io.arplab.flow;

import io.arplab.wire.Bytes;
import io.arplab.wire.InternetChecksum;
import java.util.ArrayList;
import java.util.List;

/**
 * NORMAL with multicast snooping (ofproto-dpif-xlate.c xlate_normal()'s snooping branch): IGMP (and MLD) take the
 * slow path and update the table; reports go to the routers and the flood-reports ports, queries and other IGMP
 * flood; other multicast to a group's ports, the flood ports and the routers, or, unregistered, the flood or the
 * routers and flood ports alone.
 */
final class XlateMcast {
    private XlateMcast() {}

    // IGMP types (tp_src) and MLD types
    private static final int IGMP_QUERY = 0x11, IGMPV1_REPORT = 0x12, IGMPV2_REPORT = 0x16, IGMP_LEAVE = 0x17,
            IGMPV3_REPORT = 0x22, MLD_QUERY = 130, MLD_REPORT = 131, MLD_DONE = 132, MLD2_REPORT = 143;

    static void normal(Xlate x, long inBundle, String inName, int vlan, int[] tags) {
        McastSnooping ms = x.br.mcast;
        ms.run(x.now / 1_000_000_000L); // mcast_snooping_run() in the main loop
        long type = x.flow[Slot.DL_TYPE.ordinal()];
        long proto = x.flow[Slot.NW_PROTO.ordinal()];
        int tpSrc = (int) x.flow[Slot.TP_SRC.ordinal()];
        List<Long> out = new ArrayList<>();
        boolean flood = false;
        x.wc[Slot.NW_PROTO.ordinal()] = Slot.NW_PROTO.max; // is_igmp(), is_icmpv6()
        if (type == Match.ETH_IP && proto == Match.PROTO_IGMP) {
            x.slow = true; // SLOW_ACTION: the table learns from every report
            boolean membership = tpSrc == IGMPV1_REPORT || tpSrc == IGMPV2_REPORT || tpSrc == IGMPV3_REPORT
                    || tpSrc == IGMP_LEAVE;
            if ((membership || tpSrc == IGMP_QUERY) && x.sideEffects && x.packet != null) {
                update(x, ms, inBundle, inName, vlan, tpSrc);
            }
            if (membership) {
                sendMrouters(x, ms, inBundle, vlan, out);
                sendRports(x, ms, inBundle, out);
            } else {
                x.note("multicast traffic, flooding");
                flood = true;
            }
            finish(x, inBundle, tags, out, flood);
            return;
        }
        if (type == Match.ETH_IPV6 && proto == Match.PROTO_ICMPV6 && mldType(x, tpSrc)) {
            x.slow = true;
            if (x.sideEffects && x.packet != null) {
                update(x, ms, inBundle, inName, vlan, tpSrc);
            }
            if (tpSrc == MLD_REPORT || tpSrc == MLD_DONE || tpSrc == MLD2_REPORT) { // is_mld_report()
                sendMrouters(x, ms, inBundle, vlan, out);
                sendRports(x, ms, inBundle, out);
            } else {
                x.note("MLD query, flooding");
                flood = true;
            }
            finish(x, inBundle, tags, out, flood);
            return;
        }
        if (localMulticast(x, type)) { // RFC4541 2.1.2 item 2: 224.0.0.x (ff02::1) goes everywhere
            x.note("RFC4541: section 2.1.2, item 2, flooding");
            XlateNormal.normalFlood(x, inBundle, tags);
            return;
        }
        McastSnooping.Group g = type == Match.ETH_IP
                ? ms.lookup(0, McastSnooping.mapped(x.flow[Slot.NW_DST.ordinal()]), vlan)
                : ms.lookup(x.flow[Slot.IPV6_DST_HI.ordinal()], x.flow[Slot.IPV6_DST_LO.ordinal()], vlan);
        if (g != null) {
            for (McastSnooping.Bundle b : g.bundles) { // xlate_normal_mcast_send_group()
                if (x.br.port(b.port) == null) {
                    x.problem("mcast group port is unknown, dropping");
                } else if (b.port != inBundle) {
                    x.note("forwarding to mcast group port");
                    out.add(b.port);
                } else {
                    x.note("mcast group port is input port, dropping");
                }
            }
            sendFports(x, ms, inBundle, out);
            sendMrouters(x, ms, inBundle, vlan, out);
        } else if (ms.floodUnreg) {
            x.note("unregistered multicast, flooding");
            flood = true;
        } else {
            sendMrouters(x, ms, inBundle, vlan, out);
            sendFports(x, ms, inBundle, out);
        }
        finish(x, inBundle, tags, out, flood);
    }

    // is_mld(): ICMPv6's type unwildcarded, an MLD query, report or done
    private static boolean mldType(Xlate x, int t) {
        x.wc[Slot.TP_SRC.ordinal()] = Slot.TP_SRC.max;
        return t == MLD_QUERY || t == MLD_REPORT || t == MLD_DONE || t == MLD2_REPORT;
    }

    // is_ip_local_multicast(): the destination unwildcarded; 224.0.0.0/24 or ff02::1
    private static boolean localMulticast(Xlate x, long type) {
        if (type == Match.ETH_IP) {
            x.wc[Slot.NW_DST.ordinal()] = Slot.NW_DST.max;
            return (x.flow[Slot.NW_DST.ordinal()] & 0xffffff00L) == 0xe0000000L;
        }
        x.wc[Slot.IPV6_DST_HI.ordinal()] = Slot.IPV6_DST_HI.max;
        x.wc[Slot.IPV6_DST_LO.ordinal()] = Slot.IPV6_DST_LO.max;
        return x.flow[Slot.IPV6_DST_HI.ordinal()] == 0xff02_0000_0000_0000L && x.flow[Slot.IPV6_DST_LO.ordinal()] == 1;
    }

    // update_mcast_snooping_table(): not from a flood port; a bad IGMP or MLD checksum learns nothing
    private static void update(Xlate x, McastSnooping ms, long inBundle, String inName, int vlan, int tpSrc) {
        if (ms.floodPorts.contains(inBundle)) {
            return;
        }
        byte[] f = x.packet;
        if (x.flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6) {
            update6(x, ms, inBundle, inName, vlan, tpSrc);
            return;
        }
        int l4 = l4(f);
        if (l4 < 0 || f.length < l4 + 8) {
            return;
        }
        int l3 = ipStart(f);
        int total = Bytes.u16(f, l3 + 2);
        int l4Size = Math.min(total - (l4 - l3), f.length - l4);
        if (!InternetChecksum.verify(f, l4, l4Size)) {
            x.note("multicast snooping received bad IGMP checksum on port " + inName + " in VLAN " + vlan);
            return;
        }
        long now = x.now / 1_000_000_000L;
        long group = x.flow[Slot.ND_RESERVED.ordinal()]; // igmp_group_ip4
        String ip = MatchFormat.ip(group);
        switch (tpSrc) {
            case IGMPV1_REPORT, IGMPV2_REPORT -> {
                if (ms.addGroup(0, McastSnooping.mapped(group), vlan, inBundle, now)) {
                    x.note("multicast snooping learned that " + ip + " is on port " + inName + " in VLAN " + vlan);
                }
            }
            case IGMP_LEAVE -> {
                if (ms.leaveGroup(0, McastSnooping.mapped(group), vlan, inBundle)) {
                    x.note("multicast snooping leaving " + ip + " is on port " + inName + " in VLAN " + vlan);
                }
            }
            case IGMP_QUERY -> {
                long src = x.flow[Slot.NW_SRC.ordinal()];
                if (src != 0 && ms.addMrouter(vlan, inBundle, now)) {
                    x.note("multicast snooping query from " + MatchFormat.ip(src) + " is on port " + inName
                            + " in VLAN " + vlan);
                }
            }
            default -> {
                int count = ms.addReport(f, l4, vlan, inBundle, now);
                if (count != 0) {
                    x.note("multicast snooping processed " + count + " addresses on port " + inName + " in VLAN "
                            + vlan);
                }
            }
        }
    }

    // update_mcast_snooping_table6__(): the MLD checksum over the pseudo-header (packet_csum_upperlayer6()); a query
    // from an address but :: is a router, reports and dones go to mcast_snooping_add_mld()
    private static void update6(Xlate x, McastSnooping ms, long inBundle, String inName, int vlan, int tpSrc) {
        byte[] f = x.packet;
        int l3 = ipStart(f);
        if (f.length < l3 + 40) {
            return;
        }
        int next = f[l3 + 6] & 0xff, l4 = l3 + 40;
        while ((next == 0 || next == 43 || next == 60) && f.length >= l4 + 8) { // hop-by-hop, routing, destination
            next = f[l4] & 0xff;
            l4 += ((f[l4 + 1] & 0xff) + 1) * 8;
        }
        int payload = Bytes.u16(f, l3 + 4);
        int l4Size = Math.min(l3 + 40 + payload - l4, f.length - l4);
        if (l4Size < 8) {
            return;
        }
        // the source and destination addresses, the length and the next header
        long pseudo = InternetChecksum.add(0, f, l3 + 8, 32) + l4Size + Match.PROTO_ICMPV6;
        if (InternetChecksum.fold(InternetChecksum.add(pseudo, f, l4, l4Size)) != 0xffff) {
            x.note("multicast snooping received bad MLD checksum on port " + inName + " in VLAN " + vlan);
            return;
        }
        long now = x.now / 1_000_000_000L;
        if (tpSrc == MLD_QUERY) {
            if ((x.flow[Slot.IPV6_SRC_HI.ordinal()] != 0 || x.flow[Slot.IPV6_SRC_LO.ordinal()] != 0)
                    && ms.addMrouter(vlan, inBundle, now)) {
                x.note("multicast snooping query on port " + inName + " in VLAN " + vlan);
            }
            return;
        }
        int count = ms.addMld(f, l4, vlan, inBundle, now);
        if (count != 0) {
            x.note("multicast snooping processed " + count + " addresses on port " + inName + " in VLAN " + vlan);
        }
    }

    private static int ipStart(byte[] f) {
        int i = 12;
        while (i + 2 <= f.length && (Bytes.u16(f, i) == 0x8100 || Bytes.u16(f, i) == 0x88a8)) {
            i += 4;
        }
        return i + 2;
    }

    private static int l4(byte[] f) {
        int l3 = ipStart(f);
        return l3 < f.length ? l3 + (f[l3] & 0xf) * 4 : -1;
    }

    // xlate_normal_mcast_send_mrouters(): the routers in the packet's VLAN but the input bundle
    private static void sendMrouters(Xlate x, McastSnooping ms, long in, int vlan, List<Long> out) {
        for (McastSnooping.Bundle m : ms.mrouters) {
            if (x.br.port(m.port) != null && m.port != in && m.vlan == vlan) {
                x.note("forwarding to mcast router port");
                out.add(m.port);
            } else if (x.br.port(m.port) == null) {
                x.problem("mcast router port is unknown, dropping");
            } else if (m.vlan != vlan) {
                x.note("mcast router is on another vlan, dropping");
            } else {
                x.note("mcast router port is input port, dropping");
            }
        }
    }

    // xlate_normal_mcast_send_fports()
    private static void sendFports(Xlate x, McastSnooping ms, long in, List<Long> out) {
        for (long p : ms.floodPorts) {
            if (x.br.port(p) != null && p != in) {
                x.note("forwarding to mcast flood port");
                out.add(p);
            } else if (x.br.port(p) == null) {
                x.problem("mcast flood port is unknown, dropping");
            } else {
                x.note("mcast flood port is input port, dropping");
            }
        }
    }

    // xlate_normal_mcast_send_rports()
    private static void sendRports(Xlate x, McastSnooping ms, long in, List<Long> out) {
        for (long p : ms.reportPorts) {
            if (x.br.port(p) != null && p != in) {
                x.note("forwarding report to mcast flagged port");
                out.add(p);
            } else if (x.br.port(p) == null) {
                x.problem("mcast port is unknown, dropping the report");
            } else {
                x.note("mcast port is input port, dropping the Report");
            }
        }
    }

    // mcast_output_finish(): the flood, or each port collected in turn
    private static void finish(Xlate x, long in, int[] tags, List<Long> out, boolean flood) {
        if (flood) {
            XlateNormal.normalFlood(x, in, tags);
        } else {
            out.forEach(p -> XlateNormal.outputNormal(x, p, tags));
        }
    }
}
