package io.arplab.flow;

import io.arplab.wire.Bytes;

/**
 * An IPv6 packet's part of the flow key (lib/flow.c miniflow_extract(): ipv6_sanity_check(), parse_ipv6_ext_hdrs__(),
 * parse_icmpv6()) and the packet rewritten from a modified key (lib/packets.c packet_set_ipv6(), odp-execute.c).
 */
final class Ipv6Packet {
    static final int HOPOPTS = 0, ROUTING = 43, FRAGMENT = 44, AH = 51, DSTOPTS = 60;

    private Ipv6Packet() {}

    /** Fills {@code v} from the IPv6 header at {@code off} of {@code f}; nothing when it fails the sanity check. */
    static void extract(byte[] f, int off, long[] v) {
        int size = f.length - off;
        if (size < 40) {
            return;
        }
        int plen = Bytes.u16(f, off + 4);
        if (plen + 40 > size) {
            return;
        }
        long tcFlow = Bytes.u32(f, off);
        v[Slot.IPV6_SRC_HI.ordinal()] = Bytes.i64(f, off + 8);
        v[Slot.IPV6_SRC_LO.ordinal()] = Bytes.i64(f, off + 16);
        v[Slot.IPV6_DST_HI.ordinal()] = Bytes.i64(f, off + 24);
        v[Slot.IPV6_DST_LO.ordinal()] = Bytes.i64(f, off + 32);
        int proto = f[off + 6] & 0xff, frag = 0, p = off + 40, end = p + plen;
        // parse_ipv6_ext_hdrs__(): hop-by-hop, routing, destination options, AH; only a first fragment goes on
        while (proto == HOPOPTS || proto == ROUTING || proto == DSTOPTS || proto == AH || proto == FRAGMENT) {
            if (end - p < 8) {
                return; // "goto out": the L3 fields stay unset
            }
            int next = f[p] & 0xff;
            if (proto == FRAGMENT) {
                int offlg = Bytes.u16(f, p + 2);
                p += 8;
                proto = next;
                if (offlg != 0) {
                    frag = 1;
                    if ((offlg & 0xfff8) != 0) {
                        frag = 3;
                        proto = FRAGMENT;
                        break;
                    }
                }
                continue;
            }
            int len = proto == AH ? ((f[p + 1] & 0xff) + 2) * 4 : ((f[p + 1] & 0xff) + 1) * 8;
            if (end - p < len) {
                return;
            }
            p += len;
            proto = next;
        }
        v[Slot.IPV6_LABEL.ordinal()] = tcFlow & 0xfffff;
        v[Slot.NW_TOS.ordinal()] = (tcFlow >>> 20) & 0xff;
        v[Slot.NW_TTL.ordinal()] = f[off + 7] & 0xff;
        v[Slot.NW_PROTO.ordinal()] = proto;
        v[Slot.NW_FRAG.ordinal()] = frag;
        if ((frag & 2) != 0) {
            return;
        }
        int size4 = end - p;
        if (Packet.l4Read(f, p, size4, proto)) { // TCP, UDP, SCTP, and ICMP and IGMP as in IPv4
            Packet.l4Fields(f, p, proto, v);
        } else if (proto == Match.PROTO_ICMPV6 && size4 >= 8) {
            int type = f[p] & 0xff, code = f[p + 1] & 0xff;
            v[Slot.TP_SRC.ordinal()] = type;
            v[Slot.TP_DST.ordinal()] = code;
            if (code == 0 && (type == Match.ND_NEIGHBOR_SOLICIT || type == Match.ND_NEIGHBOR_ADVERT)
                    && neighbourDiscovery(f, p + 8, end, v)) {
                v[Slot.ND_RESERVED.ordinal()] = Bytes.u32(f, p + 4); // igmp_group_ip4: the reserved word (rso_flags)
            }
        }
    }

    /**
     * packet_set_ipv6(), packet_set_{tcp,udp,sctp}_port(), packet_set_icmp() and packet_set_nd(): the fields of
     * {@code flow} written into the IPv6 packet at {@code off}, the L4 checksum updated word by word
     * (packet_update_csum128(), recalc_csum16()); the header's extension headers are not walked again.
     */
    static void rewrite(byte[] f, int off, long[] flow) {
        long[] v = new long[Slot.ALL.length];
        extract(f, off, v);
        if (v[Slot.IPV6_SRC_HI.ordinal()] == 0 && v[Slot.IPV6_SRC_LO.ordinal()] == 0 && f.length - off < 40) {
            return;
        }
        int proto = (int) v[Slot.NW_PROTO.ordinal()], l4 = l4(f, off);
        boolean later = (v[Slot.NW_FRAG.ordinal()] & 2) != 0, udp = proto == Match.PROTO_UDP;
        int ck = -1;
        if (!later && l4 >= 0) {
            int size = off + 40 + Bytes.u16(f, off + 4) - l4;
            if (proto == Match.PROTO_TCP && size >= 20) {
                ck = l4 + 16;
            } else if (udp && size >= 8 && Bytes.u16(f, l4 + 6) != 0) {
                ck = l4 + 6;
            } else if (proto == Match.PROTO_ICMPV6 && size >= 4) {
                ck = l4 + 2;
            }
        }
        // the traffic class, label and hop limit only when the flow changed them: the key has none of them when
        // its extension headers did not parse (miniflow_extract()'s goto out), the frame keeps its own
        int tos = Slot.NW_TOS.ordinal(), label = Slot.IPV6_LABEL.ordinal(), ttl = Slot.NW_TTL.ordinal();
        if (flow[tos] != v[tos] || flow[label] != v[label]) {
            long tcFlow = (6L << 28) | (flow[tos] & 0xff) << 20 | flow[label] & 0xfffff;
            Packet.setWord(f, off, (int) (tcFlow >>> 16), -1, -1, false); // not in the pseudo-header
            Packet.setWord(f, off + 2, (int) tcFlow, -1, -1, false);
        }
        if (flow[ttl] != v[ttl]) {
            f[off + 7] = (byte) flow[ttl];
        }
        Slot[] addr = {Slot.IPV6_SRC_HI, Slot.IPV6_SRC_LO, Slot.IPV6_DST_HI, Slot.IPV6_DST_LO};
        for (int i = 0; i < 4; i++) {
            long a = flow[addr[i].ordinal()];
            for (int w = 0; w < 4 && a != v[addr[i].ordinal()]; w++) { // a header the key did not parse keeps its own
                Packet.setWord(f, off + 8 + 8 * i + 2 * w, (int) (a >>> (48 - 16 * w)), -1, ck, udp);
            }
        }
        if (later || l4 < 0 || ck < 0 && proto != Match.PROTO_SCTP) {
            return;
        }
        int size = off + 40 + Bytes.u16(f, off + 4) - l4; // the payload after the extension headers
        if (proto == Match.PROTO_ICMPV6) {
            if (size < 8) {
                return; // no type and code in the key (parse_icmpv6()'s icmp6_data_header)
            }
            Packet.setWord(f, l4, (int) (flow[Slot.TP_SRC.ordinal()] << 8 | flow[Slot.TP_DST.ordinal()] & 0xff), -1, ck,
                    false);
            if (v[Slot.TP_DST.ordinal()] == 0 && (v[Slot.TP_SRC.ordinal()] == Match.ND_NEIGHBOR_SOLICIT
                    || v[Slot.TP_SRC.ordinal()] == Match.ND_NEIGHBOR_ADVERT) && size >= 24) {
                // packet_set_nd() within dp_packet_l4_size(), which the payload length bounds (the frame's bytes
                // past it are L2 padding): the target, then the first SLL or TLL option of length 1
                for (int w = 0; w < 8; w++) {
                    long a = flow[(w < 4 ? Slot.ND_TARGET_HI : Slot.ND_TARGET_LO).ordinal()];
                    Packet.setWord(f, l4 + 8 + 2 * w, (int) (a >>> (48 - 16 * (w & 3))), -1, ck, false);
                }
                int remain = size - 24;
                for (int p = l4 + 24; remain >= 8 && p + 8 <= f.length && f[p + 1] != 0; ) {
                    if (f[p + 1] == 1 && (f[p] == 1 || f[p] == 2)) {
                        Slot s = f[p] == 1 ? Slot.ARP_SHA : Slot.ARP_THA;
                        for (int w = 0; w < 3; w++) {
                            Packet.setWord(f, p + 2 + 2 * w, (int) (flow[s.ordinal()] >>> (32 - 16 * w)), -1, ck,
                                    false);
                        }
                        break; // "A packet can only contain one SLL or TLL option"
                    }
                    p += 8 * (f[p + 1] & 0xff);
                    remain -= p + 1 < f.length ? 8 * (f[p + 1] & 0xff) : remain; // the next option's length, as OVS
                }
                if (flow[Slot.ND_RESERVED.ordinal()] != v[Slot.ND_RESERVED.ordinal()]
                        || flow[Slot.TCP_FLAGS.ordinal()] != v[Slot.TCP_FLAGS.ordinal()]) {
                    setNdExt(f, off, l4, flow);
                }
            }
        } else if (proto == Match.PROTO_SCTP) {
            int end = Math.min(f.length, off + 40 + Bytes.u16(f, off + 4));
            if (end - l4 >= 12) {
                Packet.setSctpPorts(f, l4, end, flow);
            }
        } else if (Packet.l4Read(f, l4, size, proto)) { // the ports the key has
            Packet.setWord(f, l4, (int) flow[Slot.TP_SRC.ordinal()], -1, ck, udp);
            Packet.setWord(f, l4 + 2, (int) flow[Slot.TP_DST.ordinal()], -1, ck, udp);
        }
    }

    // packet_set_nd_ext(): the reserved word and the first option's type (at l4 + 24, where an option would be),
    // then the whole ICMPv6 checksum over packet_csum_pseudoheader6() (ip6_nxt and ip6_plen)
    private static void setNdExt(byte[] f, int off, int l4, long[] flow) {
        int end = Math.min(f.length, off + 40 + Bytes.u16(f, off + 4));
        Bytes.put32(f, l4 + 4, (int) flow[Slot.ND_RESERVED.ordinal()]);
        if (l4 + 24 < end) {
            f[l4 + 24] = (byte) flow[Slot.TCP_FLAGS.ordinal()];
        }
        long pseudo = (f[off + 6] & 0xff) + Bytes.u16(f, off + 4);
        for (int i = off + 8; i < off + 40; i += 2) {
            pseudo += Bytes.u16(f, i);
        }
        Bytes.put16(f, l4 + 2, 0);
        Bytes.put16(f, l4 + 2, Packet.checksum(f, l4, end - l4, pseudo));
    }

    // where the L4 header starts after the extension headers extract() walks, or -1
    static int l4(byte[] f, int off) {
        int proto = f[off + 6] & 0xff, p = off + 40, end = Math.min(f.length, p + Bytes.u16(f, off + 4));
        while (proto == HOPOPTS || proto == ROUTING || proto == DSTOPTS || proto == AH || proto == FRAGMENT) {
            if (end - p < 8) {
                return -1;
            }
            int next = f[p] & 0xff;
            p += proto == FRAGMENT ? 8 : proto == AH ? ((f[p + 1] & 0xff) + 2) * 4 : ((f[p + 1] & 0xff) + 1) * 8;
            proto = next;
        }
        return p <= end ? p : -1;
    }

    // parse_icmpv6(): the target, then the first source and target link-layer address options (8 bytes each), the
    // type of the first of them in tcp_flags (nd_options_type); a repeated one voids it all (false: not ND then)
    private static boolean neighbourDiscovery(byte[] f, int p, int end, long[] v) {
        if (end - p < 16) {
            return true;
        }
        long targetHi = Bytes.i64(f, p), targetLo = Bytes.i64(f, p + 8);
        long sll = 0, tll = 0;
        int optType = 0;
        p += 16;
        while (end - p >= 8) {
            int type = f[p] & 0xff, len = (f[p + 1] & 0xff) * 8;
            if (len == 0 || len > end - p) {
                break;
            }
            if (len == 8 && (type == 1 && sll != 0 || type == 2 && tll != 0)) {
                return false;
            }
            if (len == 8 && type == 1) {
                sll = Bytes.u48(f, p + 2);
            } else if (len == 8 && type == 2) {
                tll = Bytes.u48(f, p + 2);
            }
            if (len == 8 && (type == 1 || type == 2) && optType == 0) {
                optType = type;
            }
            p += len;
        }
        v[Slot.ND_TARGET_HI.ordinal()] = targetHi;
        v[Slot.ND_TARGET_LO.ordinal()] = targetLo;
        v[Slot.ARP_SHA.ordinal()] = sll;
        v[Slot.ARP_THA.ordinal()] = tll;
        v[Slot.TCP_FLAGS.ordinal()] = optType;
        return true;
    }
}
