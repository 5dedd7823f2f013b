package io.arplab.flow;

import io.arplab.wire.Bytes;
import io.arplab.wire.Geneve;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.Ipv6Address;

/**
 * A tunnel port's side of a packet (ofproto/tunnel.c): what tnl_port_send() writes into the flow's tunnel metadata
 * from the port's options, the odp {@code set(tunnel(...))} action that commits it for a kernel tunnel
 * (odp-util.c tun_key_to_attr() and format_odp_tun_attr()), the megaflow key of a packet received from a tunnel
 * (tnl_wc_init()), and the metadata as it travels to and from the kernel's tunnel device.
 */
final class Tunnel {
    /** tnl_wc_init(): a packet from a tunnel always matches on these flags. */
    static final int WC_FLAGS = Geneve.TNL_DONT_FRAGMENT | Geneve.TNL_CSUM | Geneve.TNL_KEY;
    static final String[] FLAG_NAMES = {"oam", "df", "csum", "key"};
    /** FLOW_TNL_F_MASK: the flags a flow keeps. */
    static final long FLAGS_MASK = 0xf;
    /** FLOW_TNL_F_UDPIF: the options are in the datapath's form (a packet the userspace datapath popped). */
    static final long UDPIF = 1 << 4;

    private Tunnel() {}

    /**
     * tnl_port_send(): the tunnel key a packet leaves {@code port} with (the flow's tun_id and tun_dst where the
     * options say {@code flow}, else the options'), or null when OVS decides against output (no remote address).
     */
    static Geneve.Metadata send(Ofproto.Port port, long[] flow) {
        String remote = port.options.getOrDefault("remote_ip", "");
        boolean dstFlow = remote.equals("flow");
        int dst = dstFlow ? (int) flow[Slot.TUN_DST.ordinal()] : parseIp(remote);
        Ipv6Address dst6 = dstFlow ? address6(flow, Slot.TUN_IPV6_DST_HI) : dst == 0 ? parseIp6(remote)
                : Ipv6Address.ANY;
        String keyOpt = port.options.get("key");
        String outKey = port.options.getOrDefault("out_key", keyOpt);
        boolean keyPresent = outKey != null;
        long tunId = "flow".equals(outKey) ? flow[Slot.TUN_ID.ordinal()]
                : outKey == null ? 0 : TunnelType.number(outKey);
        String localIp = port.options.getOrDefault("local_ip", "");
        boolean srcFlow = localIp.equals("flow");
        int src = srcFlow ? (int) flow[Slot.TUN_SRC.ordinal()] : parseIp(localIp);
        Ipv6Address src6 = srcFlow ? address6(flow, Slot.TUN_IPV6_SRC_HI) : src == 0 ? parseIp6(localIp)
                : Ipv6Address.ANY;
        int flags = (int) (flow[Slot.TUN_FLAGS.ordinal()] & Geneve.TNL_OAM)
                | (!"false".equals(port.options.get("df_default")) ? Geneve.TNL_DONT_FRAGMENT : 0)
                | ("true".equals(port.options.get("csum")) ? Geneve.TNL_CSUM : 0)
                | (keyPresent ? Geneve.TNL_KEY : 0);
        String ttlOpt = port.options.get("ttl");
        boolean ip = Packet.isIpAny(flow[Slot.DL_TYPE.ordinal()]);
        int ttl = "inherit".equals(ttlOpt) ? ip ? (int) flow[Slot.NW_TTL.ordinal()] : TunnelType.DEFAULT_TTL
                : ttlOpt != null ? (int) TunnelType.number(ttlOpt) & 0xff : TunnelType.DEFAULT_TTL;
        int tos = port.options.containsKey("tos") && !"inherit".equals(port.options.get("tos"))
                ? (int) TunnelType.number(port.options.get("tos")) & 0xff : 0;
        int tpDst = port.tunnelType.dstPort(port.options);
        return new Geneve.Metadata(tunId, src, dst, tos, ttl, 0, tpDst, flags, src6, dst6);
    }

    private static int parseIp(String s) {
        if (s.isEmpty() || s.equals("flow")) {
            return 0;
        }
        try {
            return io.arplab.wire.Ipv4Address.parse(s).bits();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    // a tunnel option's IPv6 address (netdev_vport's parse_tunnel_ip()), :: for none
    private static Ipv6Address parseIp6(String s) {
        if (!s.contains(":")) {
            return Ipv6Address.ANY;
        }
        Ipv6Address a = Ipv6Address.parse(s);
        return a == null ? Ipv6Address.ANY : a;
    }

    /** The IPv6 address in a flow's two slots from {@code hi}. */
    static Ipv6Address address6(long[] f, Slot hi) {
        return new Ipv6Address(f[hi.ordinal()], f[hi.ordinal() + 1]);
    }

    /** Writes {@code a} into a flow's two slots from {@code hi}. */
    static void put6(long[] f, Slot hi, Ipv6Address a) {
        f[hi.ordinal()] = a.hi();
        f[hi.ordinal() + 1] = a.lo();
    }

    /** flow_tnl_dst_is_set(): the flow has an IPv4 or an IPv6 tunnel destination. */
    static boolean dstIsSet(long[] f) {
        return f[Slot.TUN_DST.ordinal()] != 0 || f[Slot.TUN_IPV6_DST_HI.ordinal()] != 0
                || f[Slot.TUN_IPV6_DST_LO.ordinal()] != 0;
    }

    /**
     * The odp action: set(tunnel(...)) with the attributes tun_key_to_attr() puts, in its order, a Geneve port's
     * options {@code opts} among them.
     */
    static String setTunnel(Geneve.Metadata t, byte[] opts) {
        StringBuilder s = new StringBuilder("set(tunnel(");
        if ((t.flags() & Geneve.TNL_KEY) != 0) {
            s.append("tun_id=0x").append(Long.toHexString(t.tunId())).append(','); // format_be64(): always 0x
        }
        if (t.src() != 0) {
            s.append("src=").append(MatchFormat.ip(t.src() & 0xffffffffL)).append(',');
        }
        if (t.dst() != 0) {
            s.append("dst=").append(MatchFormat.ip(t.dst() & 0xffffffffL)).append(',');
        }
        if (!t.src6().equals(Ipv6Address.ANY)) {
            s.append("ipv6_src=").append(t.src6()).append(',');
        }
        if (!t.dst6().equals(Ipv6Address.ANY)) {
            s.append("ipv6_dst=").append(t.dst6()).append(',');
        }
        if (t.tos() != 0) {
            s.append("tos=").append(MatchFormat.hex(t.tos())).append(',');
        }
        s.append("ttl=").append(t.ttl()).append(',');
        if (t.tpSrc() != 0) {
            s.append("tp_src=").append(t.tpSrc()).append(',');
        }
        if (t.tpDst() != 0) {
            s.append("tp_dst=").append(t.tpDst()).append(',');
        }
        if (opts.length > 0) {
            s.append("geneve(").append(TunMetadata.format(opts, null, false)).append("),");
        }
        StringBuilder f = new StringBuilder();
        for (int bit = 1; bit <= Geneve.TNL_KEY; bit <<= 1) { // lowest bit first, as format_flags() does
            if ((t.flags() & bit) != 0) {
                f.append(f.length() == 0 ? "" : "|").append(FLAG_NAMES[Integer.numberOfTrailingZeros(bit)]);
            }
        }
        return s.append("flags(").append(f).append(")))").toString();
    }

    /** The flow of a frame received on tunnel port {@code inPort}: the inner frame's, with the tunnel key. */
    static long[] receive(byte[] prefixed, long inPort) {
        Geneve.Metadata t = Geneve.Metadata.parse(prefixed);
        long[] flow = Packet.extract(Geneve.Metadata.inner(prefixed), inPort);
        if (t != null) {
            flow[Slot.TUN_ID.ordinal()] = t.tunId();
            flow[Slot.TUN_SRC.ordinal()] = t.src() & 0xffffffffL;
            flow[Slot.TUN_DST.ordinal()] = t.dst() & 0xffffffffL;
            flow[Slot.TUN_FLAGS.ordinal()] = t.flags();
            flow[Slot.TUN_TOS.ordinal()] = t.tos();
            flow[Slot.TUN_TTL.ordinal()] = t.ttl();
        }
        return flow;
    }

    /**
     * The pop of a {@code type} header from an Ethernet/IPv4 frame (netdev_tnl_ip_extract_tnl_md() then
     * netdev_geneve_pop_header(), netdev_vxlan_pop_header() or netdev_gre_pop_header()): the inner packet's flow on
     * {@code inPort} with the outer headers as its tunnel key (csum when the UDP or GRE checksum is there, key from a
     * Geneve or VXLAN header always, from GRE with its key bit; oam from Geneve; the Geneve options' UDPIF), its
     * offset in flow[IN_PORT]'s stead in {@code inner[0]}; null when the datapath drops the frame (a bad IP, UDP or
     * GRE checksum, a header not of its kind).
     */
    static long[] pop(byte[] f, long inPort, TunnelType type, int[] inner) {
        int ip = 14;
        boolean v6 = f.length >= ip + 40 && Bytes.u16(f, 12) == Match.ETH_IPV6 && (f[ip] & 0xf0) == 0x60;
        int l4, end;
        if (v6) { // netdev_tnl_ip_extract_tnl_md()'s IPv6 branch: no checksum, no length check
            if ((f[ip + 6] & 0xff) != type.nwProto) {
                return null;
            }
            l4 = ip + 40;
            end = Math.min(f.length, l4 + Bytes.u16(f, ip + 4));
        } else {
            if (f.length < ip + 20 || Bytes.u16(f, 12) != Match.ETH_IP || (f[ip] & 0xf0) != 0x40) {
                return null;
            }
            int ihl = (f[ip] & 0xf) * 4;
            l4 = ip + ihl;
            if (InternetChecksum.compute(f, ip, ihl) != 0 || Bytes.u16(f, ip + 2) > f.length - ip
                    || (f[ip + 9] & 0xff) != type.nwProto) {
                return null;
            }
            end = ip + Bytes.u16(f, ip + 2);
        }
        long id = 0;
        long flags = 0;
        int at, opts = -1;
        if (type.udp()) {
            if (end < l4 + 8) {
                return null;
            }
            if (Bytes.u16(f, l4 + 6) != 0) { // udp_extract_tnl_md(): a checksum there is checked
                if (InternetChecksum.finish(InternetChecksum.add(pseudoHeader(f, ip, end - l4), f, l4, end - l4))
                        != 0) {
                    return null;
                }
                flags |= Geneve.TNL_CSUM;
            }
            int h = l4 + 8;
            if (type == TunnelType.GENEVE) {
                if (end < h + Geneve.HEADER_LENGTH || (f[h] & 0xc0) != 0 || Bytes.u16(f, h + 2) != Geneve.PROTO_TEB) {
                    return null;
                }
                at = h + Geneve.HEADER_LENGTH + (f[h] & 0x3f) * 4;
                flags |= UDPIF | ((f[h + 1] & Geneve.FLAG_OAM) != 0 ? Geneve.TNL_OAM : 0);
                opts = h + Geneve.HEADER_LENGTH;
            } else { // VXLAN_FLAGS and a clear reserved byte after the VNI
                if (end < h + 8 || Bytes.u32(f, h) != 0x08000000L || f[h + 7] != 0) {
                    return null;
                }
                at = h + 8;
            }
            id = Bytes.u32(f, h + 4) >>> 8;
            flags |= Geneve.TNL_KEY;
        } else {
            int gflags = Bytes.u16(f, l4);
            if ((gflags & ~(GRE_CSUM | GRE_KEY | GRE_SEQ)) != 0 || Bytes.u16(f, l4 + 2) != Geneve.PROTO_TEB) {
                return null;
            }
            at = l4 + 4;
            if ((gflags & GRE_CSUM) != 0) {
                if (InternetChecksum.compute(f, l4, end - l4) != 0) {
                    return null;
                }
                flags |= Geneve.TNL_CSUM;
                at += 4;
            }
            if ((gflags & GRE_KEY) != 0) {
                id = Bytes.u32(f, at);
                flags |= Geneve.TNL_KEY;
                at += 4;
            }
            at += (gflags & GRE_SEQ) != 0 ? 4 : 0;
        }
        if (at + 14 > end) {
            return null;
        }
        inner[0] = at;
        inner[1] = end;
        long[] flow = Packet.extract(java.util.Arrays.copyOfRange(f, at, end), inPort);
        flow[Slot.TUN_ID.ordinal()] = id;
        if (v6) { // the traffic class (ip6_flow >> 20, as a byte) and the hop limit
            put6(flow, Slot.TUN_IPV6_SRC_HI, Ipv6Address.read(f, ip + 8));
            put6(flow, Slot.TUN_IPV6_DST_HI, Ipv6Address.read(f, ip + 24));
            flow[Slot.TUN_TOS.ordinal()] = (Bytes.u32(f, ip) >>> 20) & 0xff;
            flow[Slot.TUN_TTL.ordinal()] = f[ip + 7] & 0xff;
        } else {
            flow[Slot.TUN_SRC.ordinal()] = Bytes.u32(f, ip + 12);
            flow[Slot.TUN_DST.ordinal()] = Bytes.u32(f, ip + 16);
            flow[Slot.TUN_TOS.ordinal()] = f[ip + 1] & 0xff;
            flow[Slot.TUN_TTL.ordinal()] = f[ip + 8] & 0xff;
        }
        flow[Slot.TUN_TP_SRC.ordinal()] = type.udp() ? Bytes.u16(f, l4) : 0;
        flow[Slot.TUN_TP_DST.ordinal()] = type.udp() ? Bytes.u16(f, l4 + 2) : 0;
        flow[Slot.TUN_FLAGS.ordinal()] = flags;
        if (opts >= 0 && at > opts) {
            TunMetadata.received(flow, f, opts, at - opts);
        }
        return flow;
    }

    /**
     * The UDP pseudo-header's sum for the IP header at {@code ip} and {@code l4Len} bytes of UDP: IPv4's
     * (packet_csum_pseudoheader()) or IPv6's (packet_csum_pseudoheader6(): both addresses, next header, payload
     * length).
     */
    static long pseudoHeader(byte[] f, int ip, int l4Len) {
        boolean v6 = (f[ip] & 0xf0) == 0x60;
        long sum = InternetChecksum.add(0, f, ip + (v6 ? 8 : 12), v6 ? 32 : 8);
        sum = InternetChecksum.addWord(sum, Match.PROTO_UDP);
        return InternetChecksum.addWord(sum, v6 ? Bytes.u16(f, ip + 4) : l4Len);
    }

    /** GRE's flag bits (lib/packets.h). */
    static final int GRE_CSUM = 0x8000, GRE_KEY = 0x2000, GRE_SEQ = 0x1000;

    /**
     * tnl_find(): the tunnel port on datapath port {@code dpPort} a received packet belongs to, tried from the most
     * specific configuration to the least (a fixed key before key=flow, a fixed remote_ip before remote_ip=flow,
     * local_ip set, unset, flow), each matching its fixed key against tun_id, remote_ip against tun_src and local_ip
     * against tun_dst; or null. A port without a key takes only tun_id 0.
     */
    static Ofproto.Port find(java.util.List<Ofproto.Port> ports, long[] flow, int dpPort) {
        for (int keyFlow = 0; keyFlow < 2; keyFlow++) {
            for (int dstFlow = 0; dstFlow < 2; dstFlow++) {
                for (int srcType = 0; srcType < 3; srcType++) { // IP_SRC_CFG, IP_SRC_ANY, IP_SRC_FLOW
                    for (Ofproto.Port p : ports) {
                        String key = p.options.getOrDefault("in_key", p.options.get("key"));
                        String remote = p.options.getOrDefault("remote_ip", "");
                        String local = p.options.get("local_ip");
                        int src = local == null ? 1 : local.equals("flow") ? 2 : 0;
                        if (p.dpPort != dpPort || ("flow".equals(key) ? 1 : 0) != keyFlow
                                || (remote.equals("flow") ? 1 : 0) != dstFlow || src != srcType) {
                            continue;
                        }
                        if (keyFlow == 0 && (key == null ? 0 : TunnelType.number(key)) != flow[Slot.TUN_ID.ordinal()]) {
                            continue;
                        }
                        // match.ipv6_dst and ipv6_src, flow_tnl_src() and flow_tnl_dst(): IPv4 or IPv6 alike
                        if (dstFlow == 0 && ((parseIp(remote) & 0xffffffffL) != flow[Slot.TUN_SRC.ordinal()]
                                || !parseIp6(remote).equals(address6(flow, Slot.TUN_IPV6_SRC_HI)))) {
                            continue;
                        }
                        if (srcType == 0 && ((parseIp(local) & 0xffffffffL) != flow[Slot.TUN_DST.ordinal()]
                                || !parseIp6(local).equals(address6(flow, Slot.TUN_IPV6_DST_HI)))) {
                            continue;
                        }
                        return p;
                    }
                }
            }
        }
        return null;
    }

    /** tnl_wc_init(): a packet from a tunnel matches its key exactly: id, both addresses, df|csum|key. */
    static void wildcards(long[] flow, long[] wc) {
        if (dstIsSet(flow)) {
            wc[Slot.TUN_ID.ordinal()] = -1L;
            if (flow[Slot.TUN_DST.ordinal()] != 0) {
                wc[Slot.TUN_SRC.ordinal()] = Slot.TUN_SRC.max;
                wc[Slot.TUN_DST.ordinal()] = Slot.TUN_DST.max;
            } else {
                for (int i = Slot.TUN_IPV6_SRC_HI.ordinal(); i <= Slot.TUN_IPV6_DST_LO.ordinal(); i++) {
                    wc[i] = -1L;
                }
            }
            wc[Slot.TUN_FLAGS.ordinal()] = WC_FLAGS;
            wc[Slot.TUN_TOS.ordinal()] = Slot.TUN_TOS.max;
            if (Packet.isIpAny(flow[Slot.DL_TYPE.ordinal()])
                    && (flow[Slot.TUN_TOS.ordinal()] & ECN_MASK) == ECN_CE) {
                wc[Slot.NW_TOS.ordinal()] |= ECN_MASK; // tnl_process_ecn() reads the inner ECN
            }
        }
    }

    private static final long ECN_MASK = 3, ECN_CE = 3;

    /**
     * tnl_process_ecn(): a packet from a tunnel whose outer tos is CE (Congestion Experienced) has its inner packet
     * marked CE, or is dropped (false) when the inner packet is not ECN-capable.
     */
    static boolean processEcn(long[] flow) {
        if (dstIsSet(flow) && Packet.isIpAny(flow[Slot.DL_TYPE.ordinal()])
                && (flow[Slot.TUN_TOS.ordinal()] & ECN_MASK) == ECN_CE) {
            if ((flow[Slot.NW_TOS.ordinal()] & ECN_MASK) == 0) {
                return false; // "dropping tunnel packet marked ECN CE but is not ECN capable"
            }
            flow[Slot.NW_TOS.ordinal()] |= ECN_CE;
        }
        return true;
    }

    /**
     * flow_format()'s tunnel part for a flow with a tunnel: every field of struct flow_tnl (OVS 3.1's), tun_id only
     * with the key flag, "" for a flow without one.
     */
    static String flowFormat(long[] f) {
        if (!dstIsSet(f)) {
            // match_wc_init(): without a tunnel destination only a tun_id shows (flow_tnl_dst_is_set())
            long id = f[Slot.TUN_ID.ordinal()];
            return id == 0 ? "" : "tun_id=" + MatchFormat.hex(id) + ",";
        }
        long flags = f[Slot.TUN_FLAGS.ordinal()] & FLAGS_MASK;
        StringBuilder s = new StringBuilder();
        if ((flags & Geneve.TNL_KEY) != 0) {
            s.append("tun_id=").append(MatchFormat.hex(f[Slot.TUN_ID.ordinal()])).append(',');
        }
        s.append("tun_src=").append(MatchFormat.ip(f[Slot.TUN_SRC.ordinal()])).append(",tun_dst=")
                .append(MatchFormat.ip(f[Slot.TUN_DST.ordinal()])).append(",tun_ipv6_src=")
                .append(address6(f, Slot.TUN_IPV6_SRC_HI)).append(",tun_ipv6_dst=")
                .append(address6(f, Slot.TUN_IPV6_DST_HI)).append(',')
                .append("tun_gbp_id=0,tun_gbp_flags=0,tun_tos=").append(Long.toHexString(f[Slot.TUN_TOS.ordinal()]))
                .append(",tun_ttl=").append(f[Slot.TUN_TTL.ordinal()])
                .append(",tun_erspan_ver=0,gtpu_flags=0,gtpu_msgtype=0,tun_flags=");
        s.append(flags == 0 ? "0" : MatchFormat.flags(flags, FLAG_NAMES, '|')).append(',');
        if ((f[Slot.TUN_FLAGS.ordinal()] & UDPIF) == 0) { // flow_wildcards_init_for_packet(): the present fields
            long present = f[Slot.TUN_METADATA_PRESENT.ordinal()];
            for (int i = 0; i < TunMetadata.FIELDS; i++) {
                if ((present >>> i & 1) != 0) {
                    s.append("tun_metadata").append(i).append('=')
                            .append(TunMetadata.putHex(f[Slot.TUN_METADATA0.ordinal() + i])).append(',');
                }
            }
        }
        return s.toString();
    }

    /** The megaflow key's tunnel(...) as odp_flow_format() prints it, or "" when the key has none. */
    static String key(long[] v, long[] k) {
        return key(v, k, false);
    }

    /**
     * The same; {@code verbose} (dpctl/dump-flows -m) shows the attributes the mask leaves out too, as VALUE/0: the
     * ttl always, the UDP ports when set (tun_key_to_attr()).
     */
    static String key(long[] v, long[] k, boolean verbose) {
        if (!dstIsSet(v)) {
            return ""; // tun_key_to_attr() puts no tunnel into the key of a packet that has none
        }
        StringBuilder s = new StringBuilder("tunnel(");
        if ((v[Slot.TUN_FLAGS.ordinal()] & Geneve.TNL_KEY) != 0 && k[Slot.TUN_ID.ordinal()] != 0) {
            s.append("tun_id=0x").append(Long.toHexString(v[Slot.TUN_ID.ordinal()])).append(',');
        }
        for (Slot a : new Slot[] {Slot.TUN_SRC, Slot.TUN_DST}) {
            if (k[a.ordinal()] != 0 && v[a.ordinal()] != 0) {
                s.append(a == Slot.TUN_SRC ? "src=" : "dst=").append(MatchFormat.ip(v[a.ordinal()]));
                if (k[a.ordinal()] != Slot.TUN_SRC.max) {
                    s.append('/').append(MatchFormat.ip(k[a.ordinal()]));
                }
                s.append(',');
            }
        }
        for (Slot a : new Slot[] {Slot.TUN_IPV6_SRC_HI, Slot.TUN_IPV6_DST_HI}) {
            Ipv6Address m = address6(k, a);
            if (!m.equals(Ipv6Address.ANY) && !address6(v, a).equals(Ipv6Address.ANY)) {
                s.append(a == Slot.TUN_IPV6_SRC_HI ? "ipv6_src=" : "ipv6_dst=")
                        .append(MatchFormat.ipv6Masked(new U128(v[a.ordinal()], v[a.ordinal() + 1]),
                                new U128(m.hi(), m.lo()))).append(',');
            }
        }
        long tos = v[Slot.TUN_TOS.ordinal()];
        if (tos != 0 && (verbose || k[Slot.TUN_TOS.ordinal()] != 0)) {
            s.append("tos=0x").append(Long.toHexString(tos))
                    .append(k[Slot.TUN_TOS.ordinal()] == 0 ? "/0" : "").append(',');
        }
        if (verbose) {
            s.append("ttl=").append(v[Slot.TUN_TTL.ordinal()]).append("/0,");
            for (Slot a : new Slot[] {Slot.TUN_TP_SRC, Slot.TUN_TP_DST}) {
                if (v[a.ordinal()] != 0) {
                    s.append(a == Slot.TUN_TP_SRC ? "tp_src=" : "tp_dst=").append(v[a.ordinal()]).append("/0,");
                }
            }
        }
        if ((v[Slot.TUN_FLAGS.ordinal()] & UDPIF) != 0) {
            // tun_metadata_to_geneve_nlattr(): a popped packet's options as received, under their mask
            int len = (int) v[Slot.TUN_METADATA_PRESENT.ordinal()];
            s.append("geneve(").append(TunMetadata.format(TunMetadata.raw(v, len), TunMetadata.raw(k, len), verbose))
                    .append("),");
        }
        // format_flags_masked(): +name / -name for every masked flag, the flags themselves when all of
        // FLOW_TNL_F_MASK is masked (a lookup read oam beside tnl_wc_init()'s df, csum and key); the key flag is the
        // tun_id attribute's presence, which a key without it has not
        s.append("flags(");
        long f = v[Slot.TUN_FLAGS.ordinal()];
        long m = k[Slot.TUN_FLAGS.ordinal()] & ((f & Geneve.TNL_KEY) != 0 ? -1 : ~Geneve.TNL_KEY);
        if ((m & FLAGS_MASK) == FLAGS_MASK) {
            return s.append(MatchFormat.flags(f & FLAGS_MASK, FLAG_NAMES, '|')).append(")),").toString();
        }
        for (int bit = 1; bit <= Geneve.TNL_KEY; bit <<= 1) { // lowest bit first, as format_flags() does
            if ((m & bit) != 0) {
                s.append((f & bit) != 0 ? '+' : '-').append(FLAG_NAMES[Integer.numberOfTrailingZeros(bit)]);
            }
        }
        return s.append(")),").toString();
    }
}
