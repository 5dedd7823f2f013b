package io.arplab.wire;

/**
 * Geneve (RFC 8926): the 8-byte base header of section 3.4 (version, option length in 4-byte words, O and C flags,
 * protocol type, 24-bit VNI) over UDP port 6081, and the tunnel metadata that travels with an inner frame between
 * a datapath's tunnel port and the kernel's Geneve device (the skb's {@code ip_tunnel_info}, include/net/ip_tunnels.h),
 * carried on that internal link as a fixed prefix before the inner Ethernet frame.
 */
public final class Geneve {
    public static final int PORT = 6081;
    public static final int HEADER_LENGTH = 8;
    /** ETH_P_TEB: the payload is an Ethernet frame. */
    public static final int PROTO_TEB = 0x6558;
    public static final int FLAG_OAM = 0x80;
    public static final int FLAG_CRITICAL = 0x40;

    /** OVS's flow->tunnel.flags (lib/packets.h FLOW_TNL_F_*): the kernel's TUNNEL_* flags as OVS names them. */
    public static final int TNL_OAM = 1;
    public static final int TNL_DONT_FRAGMENT = 1 << 1;
    public static final int TNL_CSUM = 1 << 2;
    public static final int TNL_KEY = 1 << 3;

    /** Bytes of the metadata prefix on the internal link. */
    public static final int METADATA_LENGTH = 24;

    private Geneve() {}

    /**
     * An skb's tunnel key (struct ip_tunnel_key): id (the VNI in the low 24 bits), outer addresses, tos, ttl, UDP
     * ports, TNL_* flags.
     */
    public record Metadata(long tunId, int src, int dst, int tos, int ttl, int tpSrc, int tpDst, int flags,
            Ipv6Address src6, Ipv6Address dst6) {
        /** An IPv4 key: no IPv6 addresses (the kernel's device and its prefix carry IPv4 ones only). */
        public Metadata(long tunId, int src, int dst, int tos, int ttl, int tpSrc, int tpDst, int flags) {
            this(tunId, src, dst, tos, ttl, tpSrc, tpDst, flags, Ipv6Address.ANY, Ipv6Address.ANY);
        }

        /** flow_tnl_dst_is_set(): an IPv4 or an IPv6 destination. */
        public boolean dstIsSet() {
            return dst != 0 || !dst6.equals(Ipv6Address.ANY);
        }

        /** The same key with another tos. */
        public Metadata withTos(int t) {
            return new Metadata(tunId, src, dst, t, ttl, tpSrc, tpDst, flags, src6, dst6);
        }

        /** The prefix and {@code inner} as one buffer. */
        public byte[] prefix(byte[] inner) {
            byte[] b = new byte[METADATA_LENGTH + inner.length];
            BigEndian.put32(b, 0, (int) (tunId >>> 32));
            BigEndian.put32(b, 4, (int) tunId);
            BigEndian.put32(b, 8, src);
            BigEndian.put32(b, 12, dst);
            b[16] = (byte) tos;
            b[17] = (byte) ttl;
            BigEndian.put16(b, 18, flags);
            BigEndian.put16(b, 20, tpSrc);
            BigEndian.put16(b, 22, tpDst);
            System.arraycopy(inner, 0, b, METADATA_LENGTH, inner.length);
            return b;
        }

        /** The metadata of a prefixed buffer, or null when it is too short. */
        public static Metadata parse(byte[] b) {
            if (b.length < METADATA_LENGTH) {
                return null;
            }
            return new Metadata(Bytes.u32(b, 0) << 32 | Bytes.u32(b, 4), Bytes.i32(b, 8), Bytes.i32(b, 12),
                    b[16] & 0xff, b[17] & 0xff, Bytes.u16(b, 20), Bytes.u16(b, 22), Bytes.u16(b, 18));
        }

        /** The inner frame of a prefixed buffer. */
        public static byte[] inner(byte[] b) {
            return java.util.Arrays.copyOfRange(b, METADATA_LENGTH, b.length);
        }
    }

    /** Writes the base header without options at {@code off}; returns 8. */
    public static int writeHeader(byte[] out, int off, int flags, int protocol, int vni) {
        out[off] = 0; // version 0, no options
        out[off + 1] = (byte) flags;
        BigEndian.put16(out, off + 2, protocol);
        BigEndian.put32(out, off + 4, vni << 8);
        return HEADER_LENGTH;
    }
}
