package io.arplab.flow;

/**
 * The hashes OVS computes over flows and bytes (lib/hash.h murmurhash3, lib/jhash.c, lib/flow.c's
 * flow_hash_symmetric_*()), bit for bit, since select groups, bundle, multipath and hash() choose by them.
 */
final class FlowHash {
    private FlowHash() {}

    /**
     * flow_hash_symmetric_l3l4(): the hash(sym_l4(basis)) action's (odp-execute.c, OVS_HASH_ALG_SYM_L4, without UDP
     * ports) and the symmetric_l3l4[+udp] fields'; flow_hash_symmetric_l2() for neither IPv4 nor IPv6 (both VLAN
     * headers' VIDs XORed).
     * Network-order fields are read as a little-endian host reads them.
     */
    static int hashSymL4(long[] flow, int basis, boolean udpPorts) {
        int type = (int) flow[Slot.DL_TYPE.ordinal()];
        int h = basis;
        if (type == Match.ETH_IPV6) { // hash_add64() of each 64-bit word of the addresses' XOR
            long w = Long.reverseBytes(flow[Slot.IPV6_SRC_HI.ordinal()] ^ flow[Slot.IPV6_DST_HI.ordinal()]);
            h = mhashAdd(mhashAdd(h, (int) w), (int) (w >>> 32));
            w = Long.reverseBytes(flow[Slot.IPV6_SRC_LO.ordinal()] ^ flow[Slot.IPV6_DST_LO.ordinal()]);
            h = mhashAdd(mhashAdd(h, (int) w), (int) (w >>> 32));
        } else if (type != Match.ETH_IP) {
            long xor = flow[Slot.DL_SRC.ordinal()] ^ flow[Slot.DL_DST.ordinal()];
            int tci = (int) (flow[Slot.VLAN_TCI.ordinal()] ^ flow[Slot.VLAN_TCI1.ordinal()]) & Match.VLAN_VID;
            h = mhashAdd(h, Short.toUnsignedInt(Short.reverseBytes((short) type))
                    | Short.toUnsignedInt(Short.reverseBytes((short) tci)) << 16);
            h = mhashAdd(h, Integer.reverseBytes((int) (xor >>> 16)));
            h = mhashAdd(h, Short.toUnsignedInt(Short.reverseBytes((short) xor)));
            return mhashFinish(h ^ basis);
        }
        if (type == Match.ETH_IP) {
            h = mhashAdd(h, Integer.reverseBytes((int) (flow[Slot.NW_SRC.ordinal()] ^ flow[Slot.NW_DST.ordinal()])));
        }
        int proto = (int) flow[Slot.NW_PROTO.ordinal()];
        h = mhashAdd(h, proto);
        if (flow[Slot.NW_FRAG.ordinal()] == 0 && (proto == Match.PROTO_TCP || proto == Match.PROTO_SCTP
                || udpPorts && proto == Match.PROTO_UDP)) {
            h = mhashAdd(h, Short.toUnsignedInt(Short.reverseBytes(
                    (short) (flow[Slot.TP_SRC.ordinal()] ^ flow[Slot.TP_DST.ordinal()]))));
        }
        return mhashFinish(h ^ basis);
    }

    // lib/hash.h mhash_add(), mhash_finish() (murmurhash3)
    static int mhashAdd(int hash, int data) {
        if (data != 0) {
            data *= 0xcc9e2d51;
            data = Integer.rotateLeft(data, 15);
            data *= 0x1b873593;
            hash ^= data;
        }
        return Integer.rotateLeft(hash, 13) * 5 + 0xe6546b64;
    }

    static int mhashFinish(int hash) {
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return hash;
    }

    /** hash_int() (lib/hash.h, mhash): a bucket's score basis in group_best_live_bucket(). */
    static int hashInt(int x, int basis) {
        return FlowHash.mhashFinish(FlowHash.mhashAdd(FlowHash.mhashAdd(x, 0), basis) ^ 8);
    }

    /**
     * flow_hash_symmetric_l4() with basis 0 (lib/flow.c): jhash of a 32-byte struct of the addresses XORed (IPv4's
     * or IPv6's source and destination, Ethernet source and destination), the Ethernet type, the VLAN ids of both
     * headers XORed, the ports XORed for TCP and SCTP, the IP protocol; network-order fields as a little-endian host
     * lays them out.
     */
    static int symmetricL4(long[] flow) {
        return symmetricL4(flow, 0);
    }

    /** As above with a basis (flow_hash_symmetric_l4(flow, basis)). */
    static int symmetricL4(long[] flow, int basis) {
        byte[] f = new byte[32];
        int type = (int) flow[Slot.DL_TYPE.ordinal()];
        if (type == Match.ETH_IP || type == Match.ETH_IPV6) {
            if (type == Match.ETH_IP) {
                putBe(f, 0, flow[Slot.NW_SRC.ordinal()] ^ flow[Slot.NW_DST.ordinal()], 4);
            } else {
                putBe(f, 0, flow[Slot.IPV6_SRC_HI.ordinal()] ^ flow[Slot.IPV6_DST_HI.ordinal()], 8);
                putBe(f, 8, flow[Slot.IPV6_SRC_LO.ordinal()] ^ flow[Slot.IPV6_DST_LO.ordinal()], 8);
            }
            int proto = (int) flow[Slot.NW_PROTO.ordinal()];
            f[28] = (byte) proto;
            if (proto == Match.PROTO_TCP || proto == Match.PROTO_SCTP) {
                putBe(f, 20, flow[Slot.TP_SRC.ordinal()] ^ flow[Slot.TP_DST.ordinal()], 2);
            }
        }
        putBe(f, 16, type, 2);
        putBe(f, 18, (flow[Slot.VLAN_TCI.ordinal()] ^ flow[Slot.VLAN_TCI1.ordinal()]) & Match.VLAN_VID, 2);
        putBe(f, 22, flow[Slot.DL_SRC.ordinal()] ^ flow[Slot.DL_DST.ordinal()], 6);
        return jhashBytes(f, basis);
    }

    private static void putBe(byte[] f, int off, long v, int n) {
        for (int i = 0; i < n; i++) {
            f[off + i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
    }

    /**
     * flow_mask_hash_fields() for NX_HASH_FIELDS_SYMMETRIC_L4: what flow_hash_symmetric_l4() reads, but an IP
     * flow's ports whatever its protocol except UDP (flow_unwildcard_tp_ports(): ICMP's type and code as 0xff).
     */
    static void maskSymmetricL4(long[] flow, long[] wc) {
        wc[Slot.DL_SRC.ordinal()] = Slot.DL_SRC.max;
        wc[Slot.DL_DST.ordinal()] = Slot.DL_DST.max;
        long type = flow[Slot.DL_TYPE.ordinal()];
        if (type == Match.ETH_IP) {
            wc[Slot.NW_SRC.ordinal()] = Slot.NW_SRC.max;
            wc[Slot.NW_DST.ordinal()] = Slot.NW_DST.max;
        } else if (type == Match.ETH_IPV6) {
            for (Slot s : new Slot[] {Slot.IPV6_SRC_HI, Slot.IPV6_SRC_LO, Slot.IPV6_DST_HI, Slot.IPV6_DST_LO}) {
                wc[s.ordinal()] = s.max;
            }
        }
        if (type == Match.ETH_IP || type == Match.ETH_IPV6) { // is_ip_any()
            long proto = flow[Slot.NW_PROTO.ordinal()];
            wc[Slot.NW_PROTO.ordinal()] = Slot.NW_PROTO.max;
            if (proto != Match.PROTO_UDP) {
                long ports = proto == Match.PROTO_ICMP ? 0xff : Slot.TP_SRC.max;
                wc[Slot.TP_SRC.ordinal()] |= ports;
                wc[Slot.TP_DST.ordinal()] |= ports;
            }
        }
        wc[Slot.VLAN_TCI.ordinal()] |= Match.VLAN_VID | Match.VLAN_CFI;
        wc[Slot.VLAN_TCI1.ordinal()] |= Match.VLAN_VID | Match.VLAN_CFI;
    }

    // lib/jhash.c jhash_bytes(): words read little-endian
    static int jhashBytes(byte[] p, int basis) {
        int n = p.length;
        int a = 0xdeadbeef + n + basis, b = a, c = a;
        int off = 0;
        while (n >= 12) {
            a += le32(p, off);
            b += le32(p, off + 4);
            c += le32(p, off + 8);
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            n -= 12;
            off += 12;
        }
        if (n > 0) {
            byte[] tmp = new byte[12];
            System.arraycopy(p, off, tmp, 0, n);
            a += le32(tmp, 0);
            b += le32(tmp, 4);
            c += le32(tmp, 8);
            c ^= b; c -= Integer.rotateLeft(b, 14);
            a ^= c; a -= Integer.rotateLeft(c, 11);
            b ^= a; b -= Integer.rotateLeft(a, 25);
            c ^= b; c -= Integer.rotateLeft(b, 16);
            a ^= c; a -= Integer.rotateLeft(c, 4);
            b ^= a; b -= Integer.rotateLeft(a, 14);
            c ^= b; c -= Integer.rotateLeft(b, 24);
        }
        return c;
    }

    private static int le32(byte[] p, int off) {
        return (p[off] & 0xff) | (p[off + 1] & 0xff) << 8 | (p[off + 2] & 0xff) << 16 | (p[off + 3] & 0xff) << 24;
    }

    /** lib/hash.c hash_bytes(): the bytes as little-endian words, the last one zero-padded. */
    static int hashBytes(byte[] p, int basis) {
        int hash = basis;
        for (int i = 0; i < p.length; i += 4) {
            int w = 0;
            for (int j = 0; j < 4 && i + j < p.length; j++) {
                w |= (p[i + j] & 0xff) << (8 * j);
            }
            hash = FlowHash.mhashAdd(hash, w);
        }
        return FlowHash.mhashFinish(hash ^ p.length);
    }

    /** hash_uint64(): hash_finish(hash_add64(0, x), 8). */
    static int hashUint64(long x) {
        return FlowHash.mhashFinish(FlowHash.mhashAdd(FlowHash.mhashAdd(0, (int) x), (int) (x >>> 32)) ^ 8);
    }
}
