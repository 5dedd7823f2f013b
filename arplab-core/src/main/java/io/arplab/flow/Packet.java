package io.arplab.flow;

/**
 * A frame's flow key (lib/flow.c flow_extract) and the frame rewritten from a modified key (what the datapath's
 * set() actions do, odp-execute.c): Ethernet, up to other_config:vlan-limit 802.1Q or 802.1ad tags (one by
 * default), ARP, IPv4 with TCP, UDP and ICMP, IPv6 ({@link Ipv6Packet}); the tags a translation pushed or popped.
 */
public final class Packet {
    private Packet() {}

    /** dp_packet_put_hex() (lib/dp-packet.c): pairs of hex digits, white space between them; what follows the last. */
    public static String hexTail(String s) {
        int i = 0;
        while (true) {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (i + 1 < s.length() && Character.digit(s.charAt(i), 16) >= 0
                    && Character.digit(s.charAt(i + 1), 16) >= 0) {
                i += 2;
            } else {
                return s.substring(i);
            }
        }
    }

    /** eth_from_hex() (lib/packets.c): the frame those pairs of hex digits make, at least an Ethernet header. */
    public static byte[] ethFromHex(String hex) {
        if (!hexTail(hex).isEmpty()) {
            throw new FlowParseException("Trailing garbage in packet data");
        }
        byte[] p = java.util.HexFormat.of().parseHex(hex.replaceAll("[ \t\r\n]", ""));
        if (p.length < 14) {
            throw new FlowParseException("Packet data too short for Ethernet");
        }
        return p;
    }

    /** The flow of {@code frame} arriving on {@code inPort}: a value per {@link Slot} (one VLAN header parsed). */
    public static long[] extract(byte[] f, long inPort) {
        return extract(f, inPort, 1);
    }

    /** The outer and inner VLAN header's fields (TCI, TPID). */
    private static final Slot[][] TAGS = {{Slot.VLAN_TCI, Slot.VLAN_TPID}, {Slot.VLAN_TCI1, Slot.VLAN_TPID1}};

    /** The flow of {@code frame} with up to {@code vlanLimit} (1 or 2) VLAN headers parsed: parse_vlan(). */
    public static long[] extract(byte[] f, long inPort, int vlanLimit) {
        return extract(f, inPort, vlanLimit, new long[Slot.ALL.length]);
    }

    /** How many of {@code f}'s VLAN headers a key parses, up to {@code vlanLimit}: parse_vlan()'s loop alone. */
    static int tags(byte[] f, int vlanLimit) {
        int n = 0;
        for (int off = 12; n < vlanLimit && f.length >= off + 6; n++, off += 4) {
            int type = u16(f, off);
            if (type != 0x8100 && type != 0x88a8) {
                break;
            }
        }
        return n;
    }

    /** {@link #extract(byte[], long, int)} into {@code v}, a zeroed key. */
    static long[] extract(byte[] f, long inPort, int vlanLimit, long[] v) {
        v[Slot.IN_PORT.ordinal()] = inPort;
        if (f.length < 14) {
            return v;
        }
        v[Slot.DL_DST.ordinal()] = u48(f, 0);
        v[Slot.DL_SRC.ordinal()] = u48(f, 6);
        int off = 12;
        int type = u16(f, off);
        for (int n = 0; n < vlanLimit && (type == 0x8100 || type == 0x88a8) && f.length >= off + 6; n++) {
            v[TAGS[n][0].ordinal()] = u16(f, off + 2) | Match.VLAN_CFI;
            v[TAGS[n][1].ordinal()] = type;
            off += 4;
            type = u16(f, off);
        }
        off += 2;
        if (type < 0x600) {
            // parse_ethertype(): an 802.3 length; an LLC/SNAP header of OUI 0 gives its type (the L3 header after
            // it), any other frame is FLOW_DL_TYPE_NONE
            boolean snap = f.length >= off + 8 && (f[off] & 0xff) == 0xaa && (f[off + 1] & 0xff) == 0xaa
                    && f[off + 2] == 3 && f[off + 3] == 0 && f[off + 4] == 0 && f[off + 5] == 0;
            type = snap && u16(f, off + 6) >= 0x600 ? u16(f, off + 6) : FlowCompose.DL_TYPE_NONE;
            off += snap ? 8 : 0;
        }
        v[Slot.DL_TYPE.ordinal()] = type;
        if (isMpls(type)) { // parse_mpls(): up to FLOW_MAX_MPLS_LABELS entries into the flow, no L3 below them
            for (int i = 0; i < MPLS_LSES.length && f.length >= off + 4; i++, off += 4) {
                v[MPLS_LSES[i].ordinal()] = u32(f, off);
                if ((f[off + 2] & 1) != 0) {
                    break;
                }
            }
        } else if (type == Match.ETH_ARP || type == Match.ETH_RARP) {
            if (f.length >= off + 28 && u16(f, off) == 1 && u16(f, off + 2) == 0x0800 && f[off + 4] == 6
                    && f[off + 5] == 4) {
                int op = u16(f, off + 6);
                v[Slot.NW_PROTO.ordinal()] = op <= 0xff ? op : 0;
                v[Slot.ARP_SHA.ordinal()] = u48(f, off + 8);
                v[Slot.NW_SRC.ordinal()] = u32(f, off + 14);
                v[Slot.ARP_THA.ordinal()] = u48(f, off + 18);
                v[Slot.NW_DST.ordinal()] = u32(f, off + 24);
            }
        } else if (type == Match.ETH_IPV6) {
            Ipv6Packet.extract(f, off, v);
        } else if (type == Match.ETH_IP && ipv4Sane(f, off)) {
            int ihl = (f[off] & 0xf) * 4;
            v[Slot.NW_TOS.ordinal()] = f[off + 1] & 0xff;
            v[Slot.NW_TTL.ordinal()] = f[off + 8] & 0xff;
            int proto = f[off + 9] & 0xff;
            v[Slot.NW_PROTO.ordinal()] = proto;
            v[Slot.NW_SRC.ordinal()] = u32(f, off + 12);
            v[Slot.NW_DST.ordinal()] = u32(f, off + 16);
            int fragField = u16(f, off + 6);
            boolean later = (fragField & 0x1fff) != 0;
            if (later || (fragField & 0x2000) != 0) {
                v[Slot.NW_FRAG.ordinal()] = later ? 3 : 1;
            }
            int l4 = off + ihl, size = u16(f, off + 2) - ihl; // the IP payload, without the frame's padding
            if (!later && l4Read(f, l4, size, proto)) {
                l4Fields(f, l4, proto, v);
            }
        }
        return v;
    }

    // miniflow_extract()'s transport fields, IPv4's and IPv6's alike (ICMPv6 is Ipv6Packet's)
    static void l4Fields(byte[] f, int l4, int proto, long[] v) {
        if (proto == Match.PROTO_TCP) {
            v[Slot.TP_SRC.ordinal()] = u16(f, l4);
            v[Slot.TP_DST.ordinal()] = u16(f, l4 + 2);
            v[Slot.TCP_FLAGS.ordinal()] = u16(f, l4 + 12) & 0x0fff;
        } else if (proto == Match.PROTO_UDP || proto == Match.PROTO_SCTP) {
            v[Slot.TP_SRC.ordinal()] = u16(f, l4);
            v[Slot.TP_DST.ordinal()] = u16(f, l4 + 2);
        } else if (proto == Match.PROTO_ICMP) {
            v[Slot.TP_SRC.ordinal()] = f[l4] & 0xff;
            v[Slot.TP_DST.ordinal()] = f[l4 + 1] & 0xff;
        } else if (proto == Match.PROTO_IGMP) { // type, code and igmp_group_ip4
            v[Slot.TP_SRC.ordinal()] = f[l4] & 0xff;
            v[Slot.TP_DST.ordinal()] = f[l4 + 1] & 0xff;
            v[Slot.ND_RESERVED.ordinal()] = u32(f, l4 + 4);
        }
    }

    // miniflow_extract(): whether a transport header is read, of the IP payload's {@code size} bytes (tot_len's, no
    // padding): TCP_HEADER_LEN and the data offset's header (at least 5 words), UDP_HEADER_LEN, SCTP_HEADER_LEN,
    // ICMP_HEADER_LEN, IGMP_HEADER_LEN
    static boolean l4Read(byte[] f, int l4, int size, int proto) {
        return switch (proto) {
            case Match.PROTO_TCP -> size >= 20 && (f[l4 + 12] >> 4 & 0xf) >= 5 && size >= (f[l4 + 12] >> 4 & 0xf) * 4;
            case Match.PROTO_UDP, Match.PROTO_ICMP, Match.PROTO_IGMP -> size >= 8;
            case Match.PROTO_SCTP -> size >= 12;
            default -> false;
        };
    }

    // miniflow_extract()'s ipv4_sanity_check(): a whole header (of any version: it reads none), the total length
    // within the frame
    static boolean ipv4Sane(byte[] f, int off) {
        int size = f.length - off;
        if (size < 20) {
            return false;
        }
        int ihl = (f[off] & 0xf) * 4, totalLen = u16(f, off + 2);
        return ihl >= 20 && size >= ihl && totalLen <= size && totalLen >= ihl;
    }

    /** The frame with the packet fields of {@code flow} written back (checksums updated); a copy. */
    public static byte[] rewrite(byte[] orig, long[] flow) {
        return rewrite(orig, flow, 1);
    }

    /** {@link #rewrite(byte[], long[])} of a frame whose key parsed {@code keyTags} of its VLAN headers. */
    public static byte[] rewrite(byte[] orig, long[] flow, int keyTags) {
        byte[] f = orig.clone();
        if (f.length < 14) {
            return f;
        }
        put48(f, 0, flow[Slot.DL_DST.ordinal()]);
        put48(f, 6, flow[Slot.DL_SRC.ordinal()]);
        int off = 12;
        int type = u16(f, off);
        int tags = 0;
        for (; tags < keyTags && (type == 0x8100 || type == 0x88a8) && f.length >= off + 6; tags++) {
            off += 4;
            type = u16(f, off);
        }
        off += 2;
        if (isMpls(type)) { // set_mpls_lse() for each entry the frame and the flow have
            for (int i = 0; i < MPLS_LSES.length && f.length >= off + 4; i++, off += 4) {
                boolean bos = (f[off + 2] & 1) != 0;
                put32(f, off, flow[MPLS_LSES[i].ordinal()]);
                if (bos) {
                    break;
                }
            }
        } else if (type == Match.ETH_ARP && f.length >= off + 28 && u16(f, off) == 1 && u16(f, off + 2) == 0x0800
                && f[off + 4] == 6 && f[off + 5] == 4) {
            // no set(arp()) of RARP's, nor of an ARP header the key did not parse; an opcode past 0xff, which the key
            // reads as 0, stays unless set
            int op = u16(f, off + 6);
            if (flow[Slot.NW_PROTO.ordinal()] != (op <= 0xff ? op : 0)) {
                put16(f, off + 6, (int) flow[Slot.NW_PROTO.ordinal()]);
            }
            put48(f, off + 8, flow[Slot.ARP_SHA.ordinal()]);
            put32(f, off + 14, flow[Slot.NW_SRC.ordinal()]);
            put48(f, off + 18, flow[Slot.ARP_THA.ordinal()]);
            put32(f, off + 24, flow[Slot.NW_DST.ordinal()]);
        } else if (type == Match.ETH_IPV6) {
            Ipv6Packet.rewrite(f, off, flow);
        } else if (type == Match.ETH_IP && ipv4Sane(f, off)) { // a header the key did not parse is not rewritten
            // packet_set_ipv4() and packet_set_{tcp,udp}_port(): only changed fields, checksums updated incrementally
            int ihl = (f[off] & 0xf) * 4;
            int proto = f[off + 9] & 0xff;
            int l4 = off + ihl;
            int totalLen = Math.min(u16(f, off + 2), f.length - off);
            int l4len = totalLen - ihl;
            boolean later = (u16(f, off + 6) & 0x1fff) != 0;
            int l4ck = -1;
            if (!later && proto == Match.PROTO_TCP && l4len >= 20) {
                l4ck = l4 + 16;
            } else if (!later && proto == Match.PROTO_UDP && l4len >= 8 && u16(f, l4 + 6) != 0) {
                l4ck = l4 + 6;
            }
            int ipck = off + 10;
            setWord(f, off, (u16(f, off) & 0xff00) | (int) (flow[Slot.NW_TOS.ordinal()] & 0xff), ipck, -1, false);
            setWord(f, off + 8, (u16(f, off + 8) & 0x00ff) | (int) ((flow[Slot.NW_TTL.ordinal()] & 0xff) << 8), ipck,
                    -1, false);
            boolean udp = proto == Match.PROTO_UDP;
            long src = flow[Slot.NW_SRC.ordinal()], dst = flow[Slot.NW_DST.ordinal()];
            setWord(f, off + 12, (int) (src >>> 16), ipck, l4ck, udp);
            setWord(f, off + 14, (int) (src & 0xffff), ipck, l4ck, udp);
            setWord(f, off + 16, (int) (dst >>> 16), ipck, l4ck, udp);
            setWord(f, off + 18, (int) (dst & 0xffff), ipck, l4ck, udp);
            boolean read = !later && l4Read(f, l4, l4len, proto); // the ports the key has
            if (read && (proto == Match.PROTO_TCP || udp)) {
                setWord(f, l4, (int) flow[Slot.TP_SRC.ordinal()], -1, l4ck, udp);
                setWord(f, l4 + 2, (int) flow[Slot.TP_DST.ordinal()], -1, l4ck, udp);
            } else if (read && proto == Match.PROTO_SCTP) {
                setSctpPorts(f, l4, off + totalLen, flow);
            } else if (read && proto == Match.PROTO_ICMP) { // packet_set_icmp() of get_icmp_key()'s 8-bit type, code
                setWord(f, l4, (int) ((flow[Slot.TP_SRC.ordinal()] & 0xff) << 8 | flow[Slot.TP_DST.ordinal()] & 0xff),
                        -1, l4 + 2, false);
            }
        }
        return retag(f, flow, tags);
    }

    /** struct flow's mpls_lse[FLOW_MAX_MPLS_LABELS], outermost first. */
    static final Slot[] MPLS_LSES = {Slot.MPLS_LSE, Slot.MPLS_LSE1, Slot.MPLS_LSE2};

    static boolean isMpls(long type) {
        return type == Match.ETH_MPLS || type == Match.ETH_MPLS_MCAST;
    }

    /** is_ip_any(): an IPv4 or IPv6 Ethernet type (the packet's nw_tos the IPv4 tos or the IPv6 traffic class). */
    static boolean isIpAny(long type) {
        return type == Match.ETH_IP || type == Match.ETH_IPV6;
    }

    // where the frame's innermost Ethertype sits (after a VLAN tag)
    private static int typeOffset(byte[] f) {
        int type = u16(f, 12);
        return (type == 0x8100 || type == 0x88a8) && f.length >= 18 ? 16 : 12;
    }

    /** lib/packets.c push_mpls(): {@code lse} inserted on top of the label stack (or above L3), the Ethertype set. */
    static byte[] pushMpls(byte[] f, int ethertype, long lse) {
        if (f.length < 14) {
            return f;
        }
        int t = typeOffset(f);
        byte[] out = new byte[f.length + 4];
        System.arraycopy(f, 0, out, 0, t + 2);
        put16(out, t, ethertype);
        put32(out, t + 2, lse);
        System.arraycopy(f, t + 2, out, t + 6, f.length - t - 2);
        return out;
    }

    /** lib/packets.c pop_mpls(): the top label stack entry of an MPLS frame removed, the Ethertype set. */
    static byte[] popMpls(byte[] f, int ethertype) {
        if (f.length < 14) {
            return f;
        }
        int t = typeOffset(f);
        if (!isMpls(u16(f, t)) || f.length < t + 6) {
            return f;
        }
        byte[] out = new byte[f.length - 4];
        System.arraycopy(f, 0, out, 0, t + 2);
        put16(out, t, ethertype);
        System.arraycopy(f, t + 6, out, t + 2, f.length - t - 6);
        return out;
    }

    /** The flow's VLAN headers, outer first, as (tpid << 16 | tci) while their CFI bit is set (flow_count_vlan_headers()). */
    /** How many VLAN headers the flow has ({@link #vlans}' length). */
    static int vlanCount(long[] flow) {
        if ((flow[Slot.VLAN_TCI.ordinal()] & Match.VLAN_CFI) == 0) {
            return 0;
        }
        return (flow[Slot.VLAN_TCI1.ordinal()] & Match.VLAN_CFI) == 0 ? 1 : 2;
    }

    static int[] vlans(long[] flow) {
        long tci0 = flow[Slot.VLAN_TCI.ordinal()], tci1 = flow[Slot.VLAN_TCI1.ordinal()];
        if ((tci0 & Match.VLAN_CFI) == 0) {
            return new int[0];
        }
        int outer = (int) (flow[Slot.VLAN_TPID.ordinal()] << 16 | tci0);
        return (tci1 & Match.VLAN_CFI) == 0 ? new int[] {outer}
                : new int[] {outer, (int) (flow[Slot.VLAN_TPID1.ordinal()] << 16 | tci1)};
    }

    /**
     * The flow's VLAN headers as a key parsed from its packet has them: a TCI without CFI is no header (xvlan_put()
     * leaves the TPID of a tag it strips), so its TPID and TCI go, and the inner one's with them.
     */
    static void keyVlans(long[] flow) {
        int n = vlanCount(flow);
        for (int i = n; i < TAGS.length; i++) {
            flow[TAGS[i][0].ordinal()] = 0;
            flow[TAGS[i][1].ordinal()] = 0;
        }
    }

    /**
     * A recirculated packet's key as miniflow_extract() parses it again: parse_vlan() stops at vlan-limit tags, so
     * when the pushes left more on the packet the next tag's TPID is its Ethertype and nothing after it is parsed.
     * Returns the packet the pass goes on with: {@code packet}, or when cut the frame the pushes made (a frame whose
     * own tags are the key's).
     */
    static byte[] keyAtVlanLimit(long[] key, byte[] packet, int vlanLimit) {
        if (vlanCount(key) <= vlanLimit) {
            return packet;
        }
        byte[] frame = packet == null ? null : rewrite(packet, key, tags(packet, vlanLimit));
        key[Slot.DL_TYPE.ordinal()] = key[TAGS[vlanLimit][1].ordinal()];
        for (int i = vlanLimit; i < TAGS.length; i++) {
            key[TAGS[i][0].ordinal()] = 0;
            key[TAGS[i][1].ordinal()] = 0;
        }
        java.util.Arrays.fill(key, Slot.MPLS_LSE.ordinal(), Slot.ND_RESERVED.ordinal() + 1, 0);
        return frame;
    }

    // odp-util.c commit_vlan_action(): the frame's tags (the ones its key has) popped unless the flow keeps them
    // innermost, then the flow's other tags pushed, innermost first (eth_push_vlan() sends the TCI without its CFI)
    private static byte[] retag(byte[] f, long[] flow, int tags) {
        int[] base = new int[tags];
        for (int i = 0; i < tags; i++) {
            base[i] = u16(f, 12 + 4 * i) << 16 | u16(f, 14 + 4 * i) | Match.VLAN_CFI;
        }
        int[] want = vlans(flow);
        int b = base.length - 1, w = want.length - 1;
        for (; b >= 0 && w >= 0 && base[b] == want[w]; b--, w--) {
            // flow_skip_common_vlan_headers()
        }
        if (b < 0 && w < 0) {
            return f;
        }
        byte[] inner = java.util.Arrays.copyOfRange(f, 12 + 4 * (b + 1), f.length);
        byte[] out = new byte[12 + 4 * (w + 1) + inner.length];
        System.arraycopy(f, 0, out, 0, 12);
        for (int i = 0; i <= w; i++) {
            put16(out, 12 + 4 * i, want[i] >>> 16);
            put16(out, 14 + 4 * i, want[i] & 0xffff & ~Match.VLAN_CFI);
        }
        System.arraycopy(inner, 0, out, 12 + 4 * (w + 1), inner.length);
        return out;
    }

    // packet_set_sctp_port(): the ports written, the CRC32c at l4 + 8 kept as wrong as it was (old ^ crc32c of the
    // packet before ^ crc32c after, each taken with the field zeroed); OVS stores crc32c() little-endian
    static void setSctpPorts(byte[] f, int l4, int end, long[] flow) {
        int src = (int) flow[Slot.TP_SRC.ordinal()], dst = (int) flow[Slot.TP_DST.ordinal()];
        if (u16(f, l4) == src && u16(f, l4 + 2) == dst) {
            return;
        }
        long old = u32(f, l4 + 8);
        put32(f, l4 + 8, 0);
        long before = Integer.reverseBytes((int) crc32c(f, l4, end)) & 0xffffffffL;
        put16(f, l4, src);
        put16(f, l4 + 2, dst);
        long after = Integer.reverseBytes((int) crc32c(f, l4, end)) & 0xffffffffL;
        put32(f, l4 + 8, old ^ before ^ after);
    }

    private static long crc32c(byte[] f, int from, int to) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(f, from, to - from);
        return c.getValue();
    }

    /** {@code flow} with the VLAN headers of {@code tags}' (a copy). */
    static long[] withVlans(long[] flow, long[] tags) {
        long[] f = flow.clone();
        for (Slot s : new Slot[] {Slot.VLAN_TCI, Slot.VLAN_TPID, Slot.VLAN_TCI1, Slot.VLAN_TPID1}) {
            f[s.ordinal()] = tags[s.ordinal()];
        }
        return f;
    }

    /** The same push_vlan and pop_vlan on a key's tags (flow_push_vlan_uninit(), flow_pop_vlan()), in place. */
    static long[] retagKey(long[] key, java.util.List<XlateCache.Op> ops) {
        int tci = Slot.VLAN_TCI.ordinal(), tpid = Slot.VLAN_TPID.ordinal();
        int tci1 = Slot.VLAN_TCI1.ordinal(), tpid1 = Slot.VLAN_TPID1.ordinal();
        for (XlateCache.Op op : ops) {
            if (op.kind() == XlateCache.POP_VLAN) {
                key[tci] = key[tci1];
                key[tpid] = key[tpid1];
                key[tci1] = 0;
                key[tpid1] = 0;
            } else {
                key[tci1] = key[tci];
                key[tpid1] = key[tpid];
                key[tci] = op.value() & 0xffff;
                key[tpid] = op.value() >>> 16;
            }
        }
        return key;
    }

    /** odp_execute_actions()' push_vlan and pop_vlan on the frame (eth_push_vlan(), eth_pop_vlan()). */
    static byte[] retag(byte[] f, java.util.List<XlateCache.Op> ops) {
        for (XlateCache.Op op : ops) {
            if (f.length < 14) {
                break;
            }
            int type = u16(f, 12);
            if (op.kind() == XlateCache.POP_VLAN) {
                if ((type == 0x8100 || type == 0x88a8) && f.length >= 18) {
                    byte[] out = new byte[f.length - 4];
                    System.arraycopy(f, 0, out, 0, 12);
                    System.arraycopy(f, 16, out, 12, f.length - 16);
                    f = out;
                }
            } else {
                byte[] out = new byte[f.length + 4];
                System.arraycopy(f, 0, out, 0, 12);
                put16(out, 12, (int) (op.value() >>> 16));
                put16(out, 14, (int) op.value() & 0xffff & ~Match.VLAN_CFI);
                System.arraycopy(f, 12, out, 16, f.length - 12);
                f = out;
            }
        }
        return f;
    }

    // writes 16-bit word v at o, updating the checksums at ck1 (IP) and ck2 (L4), -1: none, as recalc_csum16() does;
    // a UDP checksum that comes out 0 is sent as 0xffff
    static void setWord(byte[] f, int o, int v, int ck1, int ck2, boolean udp) {
        int old = u16(f, o);
        v &= 0xffff;
        if (old == v) {
            return;
        }
        put16(f, o, v);
        for (int ck : new int[] {ck1, ck2}) {
            if (ck >= 0) {
                int sum = (~u16(f, ck) & 0xffff) + (~old & 0xffff) + v;
                while ((sum >> 16) != 0) {
                    sum = (sum & 0xffff) + (sum >> 16);
                }
                int c = ~sum & 0xffff;
                put16(f, ck, udp && ck == ck2 && c == 0 ? 0xffff : c);
            }
        }
    }

    static int checksum(byte[] b, int off, int len, long sum) {
        for (int i = 0; i + 1 < len; i += 2) {
            sum += u16(b, off + i);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static int u16(byte[] b, int o) {
        return (b[o] & 0xff) << 8 | (b[o + 1] & 0xff);
    }

    static long u32(byte[] b, int o) {
        return ((long) u16(b, o) << 16) | u16(b, o + 2);
    }

    static long u48(byte[] b, int o) {
        return ((long) u16(b, o) << 32) | u32(b, o + 2);
    }

    static void put16(byte[] b, int o, int v) {
        b[o] = (byte) (v >> 8);
        b[o + 1] = (byte) v;
    }

    static void put32(byte[] b, int o, long v) {
        put16(b, o, (int) (v >>> 16));
        put16(b, o + 2, (int) v);
    }

    static void put48(byte[] b, int o, long v) {
        put16(b, o, (int) (v >>> 32));
        put32(b, o + 2, v);
    }
}
