package io.arplab.flow;

import io.arplab.wire.Bytes;
import io.arplab.wire.Geneve;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.Ipv6Address;
import io.arplab.wire.MacAddress;

/**
 * Native tunnelling of the userspace datapath, the parts that are not translation steps: the Geneve header template
 * tnl_push carries (lib/netdev-native-tnl.c netdev_geneve_build_header()), the action as odp-util.c
 * format_odp_tnl_push_action() prints it, the ARP request tnl_send_arp_request() sends on a neighbour miss, the
 * listening ports' lookup (lib/tnl-ports.c tnl_port_map_lookup()) and ARP snooping (lib/tnl-neigh-cache.c
 * tnl_arp_snoop()).
 */
public final class NativeTunnel {
    private static final int IP = 14, L4 = 34, L4_6 = 54;
    /** OVS_VPORT_TYPE_IP6GRE (lib/odp-netlink.h's out-of-tree vport types). */
    private static final int IP6GRE = 109;

    private NativeTunnel() {}

    /**
     * The header template of tnl_push (netdev_tnl_ip_build_header(), then udp_build_header() with
     * netdev_geneve_build_header() or netdev_vxlan_build_header(), or netdev_gre_build_header()): Ethernet to
     * {@code dmac} from {@code smac}; IPv4 from {@code src} to the key's dst with its tos and ttl, DF when the key says
     * so, no length yet (the push fills it), or, for a key with an IPv6 destination, IPv6 from {@code src6} with the
     * tos as traffic class, label 0 and the ttl as hop limit; UDP to the key's port with source 0 and checksum 0xffff
     * when csum is on or the header IPv6, then Geneve or VXLAN with the VNI; or GRE (TEB) with a checksum word when
     * csum is on, the key when the port has one and a sequence number word (0 in the template) when its seq is on.
     * A Geneve header carries {@code opts} (tun_metadata_to_geneve_header()), its C flag set when one of them is
     * critical.
     */
    static byte[] header(TunnelType type, long dmac, long smac, int src, Ipv6Address src6, Geneve.Metadata t,
            byte[] opts, boolean seq) {
        boolean v6 = t.dst() == 0;
        int l4 = v6 ? L4_6 : L4;
        int l4Len = type.udp() ? 16 + (type == TunnelType.GENEVE ? opts.length : 0)
                : 4 + ((t.flags() & Geneve.TNL_CSUM) != 0 ? 4 : 0)
                + ((t.flags() & Geneve.TNL_KEY) != 0 ? 4 : 0) + (seq ? 4 : 0);
        byte[] h = new byte[l4 + l4Len];
        MacAddress.of(dmac).write(h, 0);
        MacAddress.of(smac).write(h, 6);
        if (v6) {
            Bytes.put16(h, 12, Match.ETH_IPV6);
            Bytes.put32(h, IP, 6 << 28 | t.tos() << 20);
            h[IP + 6] = (byte) type.nwProto;
            h[IP + 7] = (byte) t.ttl();
            src6.write(h, IP + 8);
            t.dst6().write(h, IP + 24);
        } else {
            Bytes.put16(h, 12, Match.ETH_IP);
            h[IP] = 0x45;
            h[IP + 1] = (byte) t.tos();
            Bytes.put16(h, IP + 6, (t.flags() & Geneve.TNL_DONT_FRAGMENT) != 0 ? 0x4000 : 0);
            h[IP + 8] = (byte) t.ttl();
            h[IP + 9] = (byte) type.nwProto;
            Bytes.put32(h, IP + 12, src);
            Bytes.put32(h, IP + 16, t.dst());
            Bytes.put16(h, IP + 10, InternetChecksum.compute(h, IP, 20));
        }
        if (!type.udp()) {
            int flags = ((t.flags() & Geneve.TNL_CSUM) != 0 ? Tunnel.GRE_CSUM : 0)
                    | ((t.flags() & Geneve.TNL_KEY) != 0 ? Tunnel.GRE_KEY : 0) | (seq ? Tunnel.GRE_SEQ : 0);
            Bytes.put16(h, l4, flags);
            Bytes.put16(h, l4 + 2, Geneve.PROTO_TEB);
            if ((flags & Tunnel.GRE_KEY) != 0) {
                Bytes.put32(h, h.length - (seq ? 8 : 4), (int) t.tunId());
            }
            return h;
        }
        Bytes.put16(h, l4 + 2, t.tpDst());
        if (v6 || (t.flags() & Geneve.TNL_CSUM) != 0) {
            Bytes.put16(h, l4 + 6, 0xffff); // transparent to the checksum the push computes
        }
        if (type == TunnelType.GENEVE) {
            Geneve.writeHeader(h, l4 + 8, ((t.flags() & Geneve.TNL_OAM) != 0 ? Geneve.FLAG_OAM : 0)
                    | (TunMetadata.critical(opts) ? Geneve.FLAG_CRITICAL : 0), Geneve.PROTO_TEB, (int) t.tunId());
            h[l4 + 8] = (byte) (opts.length / 4); // opt_len
            System.arraycopy(opts, 0, h, l4 + 16, opts.length);
        } else {
            Bytes.put32(h, l4 + 8, 0x08000000); // VXLAN_FLAGS
            Bytes.put32(h, l4 + 12, (int) (t.tunId() << 8));
        }
        return h;
    }

    private static boolean ipv6(byte[] h) {
        return Bytes.u16(h, 12) == Match.ETH_IPV6;
    }

    /**
     * The push of a header template in front of {@code inner} (netdev_tnl_push_ip_header(): the IPv4 total length,
     * its checksum updated, or the IPv6 payload length), then netdev_tnl_push_udp_header() (the UDP source port from
     * the packet's RSS hash, netdev_tnl_get_src_port(): the 5-tuple hash of the packet as received, scaled into
     * tnl/egress_port_range's range, by default 32768-60999; the UDP length and, when the template asks, the UDP
     * checksum over the IPv4 or IPv6 pseudo-header) or netdev_gre_push_header() (the GRE checksum over GRE header and
     * payload when its flag is set).
     */
    static byte[] push(byte[] header, byte[] inner, long[] received, int[] portRange) {
        byte[] f = new byte[header.length + inner.length];
        System.arraycopy(header, 0, f, 0, header.length);
        System.arraycopy(inner, 0, f, header.length, inner.length);
        boolean v6 = ipv6(f);
        int l4 = v6 ? L4_6 : L4;
        int l4Len = f.length - l4;
        if (v6) {
            Bytes.put16(f, IP + 4, l4Len);
        } else {
            Bytes.put16(f, IP + 2, f.length - 14);
            Bytes.put16(f, IP + 10, 0);
            Bytes.put16(f, IP + 10, InternetChecksum.compute(f, IP, 20));
        }
        if (!udp(f)) {
            if ((Bytes.u16(f, l4) & Tunnel.GRE_CSUM) != 0) {
                Bytes.put16(f, l4 + 4, InternetChecksum.compute(f, l4, l4Len));
            }
            return f;
        }
        long hash = hash5Tuple(received) & 0xffffffffL;
        Bytes.put16(f, l4, (int) ((hash * (portRange[1] - portRange[0])) >>> 32) + portRange[0]);
        Bytes.put16(f, l4 + 4, l4Len);
        if (Bytes.u16(f, l4 + 6) != 0) {
            Bytes.put16(f, l4 + 6, 0);
            int c = InternetChecksum.finish(InternetChecksum.add(Tunnel.pseudoHeader(f, IP, l4Len), f, l4, l4Len));
            Bytes.put16(f, l4 + 6, c == 0 ? 0xffff : c);
        }
        return f;
    }

    // the outer header's protocol: UDP (Geneve, VXLAN) or GRE
    private static boolean udp(byte[] h) {
        return (h[ipv6(h) ? IP + 6 : IP + 9] & 0xff) == Match.PROTO_UDP;
    }

    // miniflow_hash_5tuple(flow, 0): addresses, protocol and both ports, as a little-endian host reads them
    static int hash5Tuple(long[] flow) {
        int h = 0;
        int type = (int) flow[Slot.DL_TYPE.ordinal()];
        if (type == Match.ETH_IPV6) { // hash_add64() of the addresses' four 64-bit words
            for (int i = Slot.IPV6_SRC_HI.ordinal(); i <= Slot.IPV6_DST_LO.ordinal(); i++) {
                long w = Long.reverseBytes(flow[i]);
                h = FlowHash.mhashAdd(FlowHash.mhashAdd(h, (int) w), (int) (w >>> 32));
            }
        } else if (type == Match.ETH_IP || type == Match.ETH_ARP) {
            h = FlowHash.mhashAdd(h, Integer.reverseBytes((int) flow[Slot.NW_SRC.ordinal()]));
            h = FlowHash.mhashAdd(h, Integer.reverseBytes((int) flow[Slot.NW_DST.ordinal()]));
        }
        if (type == Match.ETH_IPV6 || type == Match.ETH_IP || type == Match.ETH_ARP) {
            int proto = (int) flow[Slot.NW_PROTO.ordinal()] & 0xff;
            h = FlowHash.mhashAdd(h, proto);
            if (proto == Match.PROTO_TCP || proto == Match.PROTO_UDP || proto == Match.PROTO_SCTP
                    || proto == Match.PROTO_ICMP || proto == 58) {
                int ports = (int) flow[Slot.TP_SRC.ordinal()] << 16 | (int) flow[Slot.TP_DST.ordinal()];
                h = FlowHash.mhashAdd(h, Integer.reverseBytes(ports));
            }
        }
        return FlowHash.mhashFinish(h ^ 42);
    }

    /** format_odp_tnl_push_action() of a header template. */
    static String format(TunnelType type, int tnlPort, byte[] h, int outPort) {
        boolean v6 = ipv6(h);
        int l4 = v6 ? L4_6 : L4;
        // netdev_gre_build_header(): GRE over IPv6 is OVS_VPORT_TYPE_IP6GRE
        int odpType = v6 && type == TunnelType.GRE ? IP6GRE : type.odpType;
        StringBuilder s = new StringBuilder("tnl_push(tnl_port(").append(tnlPort)
                .append("),header(size=").append(h.length).append(",type=").append(odpType).append(",eth(dst=")
                .append(MacAddress.read(h, 0)).append(",src=").append(MacAddress.read(h, 6))
                .append(String.format(",dl_type=0x%04x),", Bytes.u16(h, 12)));
        if (v6) {
            long flow = Bytes.u32(h, IP);
            s.append("ipv6(src=").append(Ipv6Address.read(h, IP + 8)).append(",dst=")
                    .append(Ipv6Address.read(h, IP + 24)).append(",label=").append(flow & 0xfffff).append(",proto=")
                    .append(h[IP + 6] & 0xff).append(",tclass=0x").append(Long.toHexString(flow >>> 20 & 0xff))
                    .append(",hlimit=").append(h[IP + 7] & 0xff).append("),");
        } else {
            s.append("ipv4(src=").append(MatchFormat.ip(Bytes.u32(h, IP + 12))).append(",dst=")
                    .append(MatchFormat.ip(Bytes.u32(h, IP + 16))).append(",proto=").append(h[IP + 9] & 0xff)
                    .append(",tos=").append(hashX(h[IP + 1] & 0xff)).append(",ttl=").append(h[IP + 8] & 0xff)
                    .append(",frag=0x").append(Integer.toHexString(Bytes.u16(h, IP + 6))).append("),");
        }
        if (type == TunnelType.GRE) {
            int flags = Bytes.u16(h, l4);
            s.append("gre((flags=0x").append(Integer.toHexString(flags)).append(",proto=0x")
                    .append(Integer.toHexString(Bytes.u16(h, l4 + 2))).append(')');
            int at = l4 + 4;
            if ((flags & Tunnel.GRE_CSUM) != 0) {
                s.append(",csum=0x").append(Integer.toHexString(Bytes.u16(h, at)));
                at += 4;
            }
            if ((flags & Tunnel.GRE_KEY) != 0) {
                s.append(",key=0x").append(Long.toHexString(Bytes.u32(h, at)));
                at += 4;
            }
            if ((flags & Tunnel.GRE_SEQ) != 0) {
                s.append(",seq=0x").append(Long.toHexString(Bytes.u32(h, at)));
            }
            s.append(')');
        } else {
            s.append("udp(src=").append(Bytes.u16(h, l4)).append(",dst=").append(Bytes.u16(h, l4 + 2))
                    .append(",csum=0x").append(Integer.toHexString(Bytes.u16(h, l4 + 6))).append("),");
            int g = l4 + 8;
            if (type == TunnelType.GENEVE) {
                s.append("geneve(").append((h[g + 1] & Geneve.FLAG_OAM) != 0 ? "oam," : "")
                        .append((h[g + 1] & Geneve.FLAG_CRITICAL) != 0 ? "crit," : "").append("vni=0x")
                        .append(Long.toHexString(Bytes.u32(h, g + 4) >>> 8));
                int optLen = (h[g] & 0x3f) * 4;
                if (optLen > 0) {
                    s.append(",options(").append(TunMetadata.format(
                            java.util.Arrays.copyOfRange(h, g + 8, g + 8 + optLen), null, false)).append(')');
                }
                s.append(')');
            } else {
                s.append("vxlan(flags=0x").append(Long.toHexString(Bytes.u32(h, g))).append(",vni=0x")
                        .append(Long.toHexString(Bytes.u32(h, g + 4) >>> 8)).append(')');
            }
        }
        return s.append("),out_port(").append(outPort).append("))").toString();
    }

    // printf's %#x: 0 without the prefix
    private static String hashX(int v) {
        return v == 0 ? "0" : "0x" + Integer.toHexString(v);
    }

    /**
     * compose_arp(ARP_OP_REQUEST, smac, eth_addr_zero, broadcast): who-has {@code tpa} tell {@code spa}, 42 bytes
     * (no padding: the datapath sends it as composed).
     */
    static byte[] arpRequest(long smac, long spa, long tpa) {
        return arp(1, smac, 0, true, spa, tpa);
    }

    /** compose_arp(): operation {@code op} from {@code sha} to {@code tha} (broadcast, or to tha), 42 bytes. */
    static byte[] arp(int op, long sha, long tha, boolean broadcast, long spa, long tpa) {
        byte[] f = new byte[42];
        MacAddress.of(broadcast ? MacAddress.BROADCAST.bits() : tha).write(f, 0);
        MacAddress.of(sha).write(f, 6);
        Bytes.put16(f, 12, Match.ETH_ARP);
        Bytes.put16(f, 14, 1);
        Bytes.put16(f, 16, Match.ETH_IP);
        f[18] = 6;
        f[19] = 4;
        Bytes.put16(f, 20, op);
        MacAddress.of(sha).write(f, 22);
        Bytes.put32(f, 28, (int) spa);
        MacAddress.of(tha).write(f, 32);
        Bytes.put32(f, 38, (int) tpa);
        return f;
    }

    /**
     * tnl_port_map_lookup(): the listening port (its datapath number) for a packet to one of the addresses of a netdev
     * a route brought in, or -1. The map's entries are in the UDP ports' classifier subtables (dl_dst, vlan_tci,
     * dl_type; nw_dst or ipv6_dst, nw_proto, nw_frag; tp_dst) and GRE's (without tp_dst), an IPv4 and an IPv6 one
     * each (only those of the packet's family get past dl_type), looked up in stages: a miss unwildcards the stages
     * it reached; after a hit no other subtable of the same priority is looked at.
     */
    static int lookup(OvsRouter router, long[] flow, long[] wc, java.util.List<OvsRouter.Listener> listeners,
            java.util.function.ToLongFunction<String> macOf) {
        int found = -1;
        for (boolean udp : new boolean[] {true, false}) {
            int stage = 0;
            PrefixTrie ports = new PrefixTrie();
            for (OvsRouter.Listener l : listeners) {
                if ((l.tpPort() != 0) != udp) {
                    continue;
                }
                if (udp) {
                    ports.insert(l.tpPort(), 32);
                }
                for (String dev : router.ipDevs()) {
                    long[] a = router.address(dev);
                    long mac = macOf.applyAsLong(dev);
                    if (mac < 0) {
                        continue;
                    }
                    // an entry per address (map_insert_ipdev()): an IPv4 one matches nw_dst, an IPv6 one ipv6_dst
                    java.util.List<Ipv6Address> a6 = router.addresses6(dev);
                    for (int i = a == null ? 0 : -1; i < a6.size(); i++) {
                        boolean v6 = i >= 0;
                        int s = flow[Slot.DL_DST.ordinal()] != mac || flow[Slot.VLAN_TCI.ordinal()] != 0
                                || flow[Slot.DL_TYPE.ordinal()] != (v6 ? Match.ETH_IPV6 : Match.ETH_IP) ? 1
                                : (v6 ? !a6.get(i).equals(Tunnel.address6(flow, Slot.IPV6_DST_HI))
                                        : flow[Slot.NW_DST.ordinal()] != a[0])
                                || flow[Slot.NW_PROTO.ordinal()] != l.nwProto() || flow[Slot.NW_FRAG.ordinal()] != 0 ? 2
                                : udp && flow[Slot.TP_DST.ordinal()] != l.tpPort() ? 3 : 4;
                        stage = Math.max(stage, Math.min(s, udp ? 3 : 2));
                        if (s == 4 && found < 0) {
                            found = l.dpPort();
                        }
                    }
                }
            }
            if (stage >= 1) {
                wc[Slot.DL_DST.ordinal()] = Slot.DL_DST.max;
                wc[Slot.VLAN_TCI.ordinal()] = Slot.VLAN_TCI.max;
                wc[Slot.DL_TYPE.ordinal()] = Slot.DL_TYPE.max;
            }
            if (stage >= 2 && flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6) {
                wc[Slot.IPV6_DST_HI.ordinal()] = -1L;
                wc[Slot.IPV6_DST_LO.ordinal()] = -1L;
                wc[Slot.NW_PROTO.ordinal()] = Slot.NW_PROTO.max;
                wc[Slot.NW_FRAG.ordinal()] = Slot.NW_FRAG.max;
            } else if (stage >= 2) {
                wc[Slot.NW_DST.ordinal()] = Slot.NW_DST.max;
                wc[Slot.NW_PROTO.ordinal()] = Slot.NW_PROTO.max;
                wc[Slot.NW_FRAG.ordinal()] = Slot.NW_FRAG.max;
            }
            if (stage >= 3 && found >= 0) {
                wc[Slot.TP_DST.ordinal()] = Slot.TP_DST.max;
            } else if (stage >= 3) {
                // a miss in the final stage: the subtable's ports trie (its tp_dst under the mask 0x0000ffff)
                // decides how many leading bits of the ports it depended on
                int mbits = ports.lookup(flow[Slot.TP_DST.ordinal()], 32);
                wc[Slot.TP_DST.ordinal()] |= 0xffffL & (mbits == 0 ? 0 : 0xffffffffL << (32 - mbits));
            }
            if (found >= 0) {
                break;
            }
        }
        return found;
    }

    /**
     * tnl_arp_snoop(): an ARP reply, or a gratuitous ARP (spa == tpa), with a sender MAC teaches the neighbour cache
     * of {@code bridge} the sender (when side effects are allowed); the fields it reads are unwildcarded.
     */
    static void snoop(OvsRouter router, String bridge, long[] flow, long[] wc, boolean update, long now) {
        int type = (int) flow[Slot.DL_TYPE.ordinal()];
        if (type != Match.ETH_ARP) {
            return;
        }
        wc[Slot.NW_SRC.ordinal()] = Slot.NW_SRC.max;
        wc[Slot.NW_DST.ordinal()] = Slot.NW_DST.max;
        boolean garp = flow[Slot.NW_SRC.ordinal()] == flow[Slot.NW_DST.ordinal()];
        if (!garp) {
            wc[Slot.NW_PROTO.ordinal()] = Slot.NW_PROTO.max;
            if (flow[Slot.NW_PROTO.ordinal()] != 2) {
                return;
            }
        }
        wc[Slot.ARP_SHA.ordinal()] = Slot.ARP_SHA.max;
        if (flow[Slot.ARP_SHA.ordinal()] == 0) {
            return;
        }
        if (update) {
            router.neighSet(bridge, flow[Slot.NW_SRC.ordinal()], flow[Slot.ARP_SHA.ordinal()], now);
        }
    }

    /**
     * tnl_nd_snoop(): a neighbour advertisement (is_nd(): ICMPv6 code 0, type read) with a target link-layer address
     * teaches the neighbour cache of {@code bridge} its target (when side effects are allowed); the addresses, the
     * target and its link-layer address are unwildcarded.
     */
    static void ndSnoop(OvsRouter router, String bridge, long[] flow, long[] wc, boolean update, long now) {
        if (flow[Slot.DL_TYPE.ordinal()] != Match.ETH_IPV6) {
            return;
        }
        wc[Slot.NW_PROTO.ordinal()] = Slot.NW_PROTO.max;
        wc[Slot.TP_DST.ordinal()] = Slot.TP_DST.max;
        if (flow[Slot.TP_DST.ordinal()] != 0) {
            return;
        }
        wc[Slot.TP_SRC.ordinal()] = Slot.TP_SRC.max;
        if (flow[Slot.TP_SRC.ordinal()] != Match.ND_NEIGHBOR_ADVERT || flow[Slot.ARP_THA.ordinal()] == 0) {
            return;
        }
        for (Slot s : new Slot[] {Slot.IPV6_SRC_HI, Slot.IPV6_SRC_LO, Slot.IPV6_DST_HI, Slot.IPV6_DST_LO,
            Slot.ND_TARGET_HI, Slot.ND_TARGET_LO, Slot.ARP_THA}) {
            wc[s.ordinal()] = s.max;
        }
        if (update) {
            router.neighSet(bridge, new io.arplab.wire.Ipv6Address(flow[Slot.ND_TARGET_HI.ordinal()],
                    flow[Slot.ND_TARGET_LO.ordinal()]).toString(), flow[Slot.ARP_THA.ordinal()], now);
        }
    }

    /**
     * propagate_tunnel_data_to_flow__(): the packet as the underlay sees it, its outer headers (IPv6 for a key with
     * an IPv6 destination, its source the key's or {@code sip6}, the route's), the protocol the tunnel's type says.
     */
    static void propagate(long[] f, Geneve.Metadata t, TunnelType type, long dmac, long smac, long sip,
            Ipv6Address sip6) {
        f[Slot.DL_DST.ordinal()] = dmac;
        f[Slot.DL_SRC.ordinal()] = smac;
        f[Slot.VLAN_TCI.ordinal()] = 0;
        f[Slot.NW_DST.ordinal()] = t.dst() & 0xffffffffL;
        f[Slot.NW_SRC.ordinal()] = t.src() & 0xffffffffL;
        Tunnel.put6(f, Slot.IPV6_DST_HI, t.dst6());
        Tunnel.put6(f, Slot.IPV6_SRC_HI, t.src6());
        f[Slot.NW_FRAG.ordinal()] = 0;
        f[Slot.NW_TOS.ordinal()] = t.tos();
        f[Slot.NW_TTL.ordinal()] = t.ttl();
        f[Slot.TP_DST.ordinal()] = t.tpDst();
        f[Slot.TP_SRC.ordinal()] = t.tpSrc();
        if (t.dst() == 0) {
            f[Slot.DL_TYPE.ordinal()] = Match.ETH_IPV6;
            if (t.src6().equals(Ipv6Address.ANY)) {
                Tunnel.put6(f, Slot.IPV6_SRC_HI, sip6);
            }
        } else {
            f[Slot.DL_TYPE.ordinal()] = Match.ETH_IP;
            if (t.src() == 0) {
                f[Slot.NW_SRC.ordinal()] = sip;
            }
        }
        f[Slot.NW_PROTO.ordinal()] = type.nwProto;
    }

    /**
     * compose_nd_ns(): a neighbour solicitation for {@code target} from {@code src} (its link-layer address
     * {@code smac} as the source option), to the target's solicited-node multicast address, hop limit 255.
     */
    static byte[] ndSolicit(long smac, Ipv6Address src, Ipv6Address target) {
        byte[] f = new byte[14 + 40 + 32];
        Ipv6Address sn = new Ipv6Address(0xff02L << 48, 0x1ff000000L | (target.lo() & 0xffffff));
        MacAddress.of(0x3333_0000_0000L | (sn.lo() & 0xffffffffL)).write(f, 0);
        MacAddress.of(smac).write(f, 6);
        Bytes.put16(f, 12, Match.ETH_IPV6);
        f[IP] = 0x60;
        Bytes.put16(f, IP + 4, 32);
        f[IP + 6] = (byte) Match.PROTO_ICMPV6;
        f[IP + 7] = (byte) 255;
        src.write(f, IP + 8);
        sn.write(f, IP + 24);
        int icmp = L4_6;
        f[icmp] = (byte) Match.ND_NEIGHBOR_SOLICIT;
        target.write(f, icmp + 8);
        f[icmp + 24] = 1; // ND_OPT_SOURCE_LINKADDR, 8 bytes
        f[icmp + 25] = 1;
        MacAddress.of(smac).write(f, icmp + 26);
        long sum = InternetChecksum.add(0, f, IP + 8, 32);
        sum = InternetChecksum.addWord(sum, Match.PROTO_ICMPV6);
        sum = InternetChecksum.addWord(sum, 32);
        Bytes.put16(f, icmp + 2, InternetChecksum.finish(InternetChecksum.add(sum, f, icmp, 32)));
        return f;
    }

    /**
     * oftrace_node_print_details(): an underlay bridge's trace node is indented one level, and its contents two, when
     * more of the enclosing table's trace follows it.
     */
    static void indentNested(StringBuilder trace, java.util.List<int[]> blocks) {
        for (int b = blocks.size() - 1; b >= 0; b--) {
            int[] r = blocks.get(b);
            if (r[1] == trace.length()) {
                continue;
            }
            String[] lines = trace.substring(r[0], r[1]).split("\n", -1);
            StringBuilder t = new StringBuilder();
            for (int i = 0; i < lines.length - 1; i++) {
                if (!lines[i].isEmpty()) {
                    t.append(i <= 2 ? "    " : "        ");
                }
                t.append(lines[i]).append('\n');
            }
            trace.replace(r[0], r[1], t.toString());
        }
    }

    /**
     * netdev_dummy_send(): a dummy port with an address (netdev-dummy/ip4addr) that is sent an ARP request for it
     * queues the reply as received (compose_arp(): from its MAC to the asker, not broadcast); null otherwise.
     */
    public static byte[] dummyArpReply(Ofproto of, long ofport, byte[] frame) {
        Ofproto.Port p = of.port(ofport);
        long[] a = p == null ? null : of.datapath.router.address(p.name);
        if (a == null || frame.length < 42 || io.arplab.wire.Bytes.u16(frame, 12) != Match.ETH_ARP
                || io.arplab.wire.Bytes.u16(frame, 20) != 1 || io.arplab.wire.Bytes.u32(frame, 38) != a[0]) {
            return null;
        }
        return arp(2, p.mac, io.arplab.wire.MacAddress.read(frame, 6).bits(), false, a[0],
                io.arplab.wire.Bytes.u32(frame, 28));
    }
}
