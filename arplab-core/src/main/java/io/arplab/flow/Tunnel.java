package io.arplab.flow;

import io.arplab.wire.Bytes;
import io.arplab.wire.Geneve;

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
        int dst = remote.equals("flow") ? (int) flow[Slot.TUN_DST.ordinal()] : parseIp(remote);
        String keyOpt = port.options.get("key");
        String outKey = port.options.getOrDefault("out_key", keyOpt);
        boolean keyPresent = outKey != null;
        long tunId = "flow".equals(outKey) ? flow[Slot.TUN_ID.ordinal()] : outKey == null ? 0 : Long.decode(outKey);
        String localIp = port.options.getOrDefault("local_ip", "");
        int src = localIp.equals("flow") ? (int) flow[Slot.TUN_SRC.ordinal()] : parseIp(localIp);
        int flags = (int) (flow[Slot.TUN_FLAGS.ordinal()] & Geneve.TNL_OAM)
                | (!"false".equals(port.options.get("df_default")) ? Geneve.TNL_DONT_FRAGMENT : 0)
                | ("true".equals(port.options.get("csum")) ? Geneve.TNL_CSUM : 0)
                | (keyPresent ? Geneve.TNL_KEY : 0);
        int ttl = port.options.containsKey("ttl") ? Integer.parseInt(port.options.get("ttl")) : 64;
        int tos = port.options.containsKey("tos") && !"inherit".equals(port.options.get("tos"))
                ? Integer.decode(port.options.get("tos")) : 0;
        int tpDst = port.options.containsKey("dst_port") ? Integer.parseInt(port.options.get("dst_port"))
                : Geneve.PORT;
        return new Geneve.Metadata(tunId, src, dst, tos, ttl, 0, tpDst, flags);
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

    /** The odp action: set(tunnel(...)) with the attributes tun_key_to_attr() puts, in its order. */
    static String setTunnel(Geneve.Metadata t) {
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
     * netdev_geneve_pop_header() on an Ethernet/IPv4/UDP/Geneve frame: the inner packet's flow on {@code inPort} with
     * the outer headers as its tunnel key (ip_extract_tnl_md(), udp_extract_tnl_md(): csum when the UDP checksum is
     * set, key always, oam from the Geneve header), or null when the frame is no such packet.
     */
    static long[] pop(byte[] f, long inPort) {
        int ip = 14;
        if (f.length < ip + 20 || Bytes.u16(f, 12) != Match.ETH_IP || (f[ip] & 0xf0) != 0x40) {
            return null;
        }
        int udp = ip + (f[ip] & 0xf) * 4;
        int gnv = udp + 8;
        if (f[ip + 9] != Match.PROTO_UDP || f.length < gnv + Geneve.HEADER_LENGTH) {
            return null;
        }
        int inner = gnv + Geneve.HEADER_LENGTH + (f[gnv] & 0x3f) * 4;
        if (inner + 14 > f.length || Bytes.u16(f, gnv + 2) != Geneve.PROTO_TEB) {
            return null;
        }
        long[] flow = Packet.extract(java.util.Arrays.copyOfRange(f, inner, f.length), inPort);
        flow[Slot.TUN_ID.ordinal()] = Bytes.u32(f, gnv + 4) >>> 8;
        flow[Slot.TUN_SRC.ordinal()] = Bytes.u32(f, ip + 12);
        flow[Slot.TUN_DST.ordinal()] = Bytes.u32(f, ip + 16);
        flow[Slot.TUN_TOS.ordinal()] = f[ip + 1] & 0xff;
        flow[Slot.TUN_TTL.ordinal()] = f[ip + 8] & 0xff;
        flow[Slot.TUN_FLAGS.ordinal()] = Geneve.TNL_KEY | UDPIF | (Bytes.u16(f, udp + 6) != 0 ? Geneve.TNL_CSUM : 0)
                | ((f[gnv + 1] & Geneve.FLAG_OAM) != 0 ? Geneve.TNL_OAM : 0);
        return flow;
    }

    /** The inner frame of a frame {@link #pop} accepts. */
    static byte[] popInner(byte[] f) {
        int gnv = 14 + (f[14] & 0xf) * 4 + 8;
        return java.util.Arrays.copyOfRange(f, gnv + Geneve.HEADER_LENGTH + (f[gnv] & 0x3f) * 4, f.length);
    }

    /** tnl_wc_init(): a packet from a tunnel matches its key exactly: id, both addresses, df|csum|key. */
    static void wildcards(long[] flow, long[] wc) {
        if (flow[Slot.TUN_DST.ordinal()] != 0) {
            wc[Slot.TUN_ID.ordinal()] = -1L;
            wc[Slot.TUN_SRC.ordinal()] = Slot.TUN_SRC.max;
            wc[Slot.TUN_DST.ordinal()] = Slot.TUN_DST.max;
            wc[Slot.TUN_FLAGS.ordinal()] = WC_FLAGS;
            wc[Slot.TUN_TOS.ordinal()] = Slot.TUN_TOS.max;
        }
    }

    /**
     * flow_format()'s tunnel part for a flow with a tunnel: every field of struct flow_tnl (OVS 3.1's), tun_id only
     * with the key flag, "" for a flow without one.
     */
    static String flowFormat(long[] f) {
        if (f[Slot.TUN_DST.ordinal()] == 0 && f[Slot.TUN_SRC.ordinal()] == 0) {
            // without a tunnel only a tun_id an action set shows: zero context fields are left out
            long id = f[Slot.TUN_ID.ordinal()];
            return id == 0 ? "" : "tun_id=" + MatchFormat.hex(id) + ",";
        }
        long flags = f[Slot.TUN_FLAGS.ordinal()] & FLAGS_MASK;
        StringBuilder s = new StringBuilder();
        if ((flags & Geneve.TNL_KEY) != 0) {
            s.append("tun_id=").append(MatchFormat.hex(f[Slot.TUN_ID.ordinal()])).append(',');
        }
        s.append("tun_src=").append(MatchFormat.ip(f[Slot.TUN_SRC.ordinal()])).append(",tun_dst=")
                .append(MatchFormat.ip(f[Slot.TUN_DST.ordinal()])).append(",tun_ipv6_src=::,tun_ipv6_dst=::,")
                .append("tun_gbp_id=0,tun_gbp_flags=0,tun_tos=").append(Long.toHexString(f[Slot.TUN_TOS.ordinal()]))
                .append(",tun_ttl=").append(f[Slot.TUN_TTL.ordinal()])
                .append(",tun_erspan_ver=0,gtpu_flags=0,gtpu_msgtype=0,tun_flags=");
        s.append(flags == 0 ? "0" : MatchFormat.flags(flags, FLAG_NAMES, '|'));
        return s.append(',').toString();
    }

    /** The megaflow key's tunnel(...) as odp_flow_format() prints it, or "" when the key has none. */
    static String key(long[] v, long[] k) {
        if (v[Slot.TUN_DST.ordinal()] == 0) {
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
        if ((v[Slot.TUN_FLAGS.ordinal()] & UDPIF) != 0) {
            s.append("geneve(),"); // tun_metadata_to_geneve_nlattr(): a popped packet's (empty) options
        }
        // format_flags_masked(): +name / -name for every masked flag
        s.append("flags(");
        long f = v[Slot.TUN_FLAGS.ordinal()], m = k[Slot.TUN_FLAGS.ordinal()];
        for (int bit = 1; bit <= Geneve.TNL_KEY; bit <<= 1) { // lowest bit first, as format_flags() does
            if ((m & bit) != 0) {
                s.append((f & bit) != 0 ? '+' : '-').append(FLAG_NAMES[Integer.numberOfTrailingZeros(bit)]);
            }
        }
        return s.append(")),").toString();
    }
}
